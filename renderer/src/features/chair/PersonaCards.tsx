import type { Persona } from '../../../../shared/domain';

/** A persona as the chair shows it; an id the library no longer knows still gets a name. */
export type ChairPersona = Pick<Persona, 'id' | 'name' | 'segment' | 'needs' | 'quotes'>;

/** Who sits in the chair, read-only (used when there is no item to answer for). */
export function PersonaCards({ personas, itemIndex }: { personas: readonly ChairPersona[]; itemIndex: number }) {
  if (personas.length === 0) return <p className="muted chair-nobody">Nobody sits in the chair yet.</p>;
  return (
    <ul className="chair-personas-list" aria-label="In the chair">
      {personas.map((persona) => (
        <li key={persona.id} className="chair-persona">
          <span className="persona-name" dir="auto">
            {persona.name}
          </span>
          <PersonaDetails persona={persona} itemIndex={itemIndex} />
        </li>
      ))}
    </ul>
  );
}

/** Segment, the top three needs, and one quote that changes from item to item. */
export function PersonaDetails({ persona, itemIndex }: { persona: ChairPersona; itemIndex: number }) {
  const quote = persona.quotes.length > 0 ? persona.quotes[itemIndex % persona.quotes.length] : undefined;
  return (
    <>
      {persona.segment ? (
        <span className="persona-segment" dir="auto">
          {persona.segment}
        </span>
      ) : null}
      {persona.needs.length > 0 ? (
        <ul className="persona-needs" aria-label={`What ${persona.name} needs`}>
          {persona.needs.slice(0, 3).map((need, index) => (
            <li key={index} dir="auto">
              {need}
            </li>
          ))}
        </ul>
      ) : null}
      {quote ? (
        <blockquote className="persona-quote" dir="auto">
          {quote}
        </blockquote>
      ) : null}
    </>
  );
}
