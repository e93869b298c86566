import { createSharpSpringConfig } from '@crmkit/mock-sharpspring'
import { admin } from './admin.js'
import { SHARPSPRING_STATES } from './states.js'
import type { StateHandlers } from './verify.js'

/** Each state starts from the mock's demo data, then seeds what the sentence says through `/__admin/seed`. */
export const sharpSpringStates = (base: () => string): StateHandlers => {
  const seed = async (body: unknown) => {
    await admin(base(), 'reset')
    if (body !== undefined) await admin(base(), 'seed', body)
    return undefined
  }
  return {
    [SHARPSPRING_STATES.account]: () => seed(undefined),
    [SHARPSPRING_STATES.leadsWithFileField]: (params: unknown) => {
      const { leadIds, fieldSystemName } = params as { leadIds: number[]; fieldSystemName: string }
      return seed({
        fields: [
          {
            relationship: 'lead',
            label: 'Contract documents',
            dataType: createSharpSpringConfig().fileFieldType,
            systemName: fieldSystemName,
          },
        ],
        leads: leadIds.map((id) => ({
          id,
          firstName: 'Contract',
          lastName: `Lead ${id}`,
          emailAddress: `lead-${id}@example.com`,
        })),
      })
    },
    [SHARPSPRING_STATES.productExists]: (params: unknown) => {
      const { productId } = params as { productId: number }
      return seed({ products: [{ id: productId, productName: 'Contract widget', price: 10 }] })
    },
  }
}
