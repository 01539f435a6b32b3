import { useId } from 'react';
import { MAPPING_FIELDS, type ColumnMapping } from '../../../../shared/evidence/schema';
import { ROLE_LABELS } from './mappingRoles';

/** One select per role, and checkboxes for the text columns (several are joined, e.g. subject + body). */
export function MappingFields({
  headers,
  mapping,
  onChange,
}: {
  headers: string[];
  mapping: ColumnMapping;
  onChange: (next: ColumnMapping) => void;
}) {
  const id = useId();
  const toggleText = (header: string, on: boolean) =>
    onChange({
      ...mapping,
      text: on
        ? headers.filter((column) => column === header || mapping.text.includes(column))
        : mapping.text.filter((column) => column !== header),
    });
  return (
    <div className="evidence-mapping-fields">
      <fieldset>
        <legend>Text columns (joined in this order)</legend>
        {headers.map((header) => (
          <label key={header} className="evidence-text-column">
            <input type="checkbox" checked={mapping.text.includes(header)} onChange={(event) => toggleText(header, event.target.checked)} />{' '}
            {header}
          </label>
        ))}
      </fieldset>
      {MAPPING_FIELDS.map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`${id}-${field}`}>{ROLE_LABELS[field]} column</label>
          <select
            id={`${id}-${field}`}
            value={mapping[field] ?? ''}
            onChange={(event) => onChange({ ...mapping, [field]: event.target.value || null })}
          >
            <option value="">(none)</option>
            {headers.map((header) => (
              <option key={header} value={header}>
                {header}
              </option>
            ))}
          </select>
        </div>
      ))}
    </div>
  );
}
