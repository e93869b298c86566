// `@crmkit/mocks/verify`: what a `crmkit-mocks verify --states` module is written with.
export {
  defineStates,
  type StateContext,
  type StateDefinition,
  type StateParamType,
  type StateStep,
  type StatesModule,
  type StatesModuleFactory,
} from './verify/define-states.js'
export { VOCABULARY_VERSION } from './verify/vocabulary.js'
