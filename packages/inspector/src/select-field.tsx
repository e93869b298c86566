/**
 * A labelled `<select>` of `options`, with a first option for "no choice" (`emptyLabel`, value `''`) when
 * one is given: the filters' and the fault form's selects.
 */
export function SelectField({
  label,
  name,
  value,
  options,
  emptyLabel,
  onChange,
}: {
  label: string
  name: string
  value: string
  options: readonly string[]
  emptyLabel?: string
  onChange: (value: string) => void
}) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {emptyLabel === undefined ? null : <option value="">{emptyLabel}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  )
}
