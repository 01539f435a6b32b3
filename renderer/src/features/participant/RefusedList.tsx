import type { ParticipantSession, RefusedAction } from './participantSession';

/** Actions the server refused for good, each with why and a Dismiss. */
export function RefusedList({ session, refused }: { session: ParticipantSession; refused: readonly RefusedAction[] }) {
  if (refused.length === 0) return null;
  return (
    <ul className="refused-list" aria-label="Not accepted">
      {refused.map(({ action, message }) => (
        <li key={action.clientActionId} className="form-alert" role="alert">
          <p>
            {action.label} was not accepted: {message}
          </p>
          <button type="button" className="button button-small" onClick={() => session.dismissRefusal(action.clientActionId)}>
            Dismiss <span className="visually-hidden">{action.label}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
