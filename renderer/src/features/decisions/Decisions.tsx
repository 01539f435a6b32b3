import './decisions.css';
import { memo, useCallback, useId, useLayoutEffect, useRef, useState } from 'react';
import type { AgendaItem, Decision, Tag } from '../../../../shared/domain';
import type { ToastAction } from '../../app/screen';
import { DIRECTION_LABELS } from '../../app/constants';
import { formatDay, formatWhen, shorten } from '../../app/format';
import { asApiError } from '../../app/useLibrary';
import { useMeetingCall } from '../../app/meetingContext';
import { useTagLabels } from '../../app/useTagLabels';
import { DirectionBadge } from './DirectionBadge';
import { DecisionCitations } from './DecisionCitations';
import { DecisionForm, EMPTY_DECISION, type DecisionValues } from './DecisionForm';
import { updateThenFocus } from '../../app/focus';
import { credit, groupTags } from '../sharing/attribution';
import { VotePanel } from '../sharing/VotePanel';
import { distinctTagIds } from '../../../../shared/tags';

type ShowToast = (message: string, action?: ToastAction) => void;

export interface DecisionContext {
  meetingId: string;
  tags: readonly Tag[];
  people: readonly string[];
  showToast: ShowToast;
  /** The meeting runs: a decision's hidden impact vote can be opened. */
  live?: boolean;
  /** The lead's name: tags they added need no credit beside them (participants' do). */
  lead?: string;
}

interface RowProps {
  decision: Decision;
  /** The item the decision belongs to (its citations are named through it). */
  itemId: string;
  meetingId: string;
  live: boolean;
  /** The meeting's lead: their own tags need no name beside them. */
  lead: string;
  tagLabels: ReadonlyMap<string, string>;
  onEdit: (decisionId: string) => void;
  onRemove: (decisionId: string, row: HTMLElement | null) => void;
  /** Raises a follow-up from the decision (its text, owner and due date). */
  onFollowUp: (decisionId: string) => void;
  /** Offers the Undo of an un-cite. */
  showToast: ShowToast;
}

/** One decision, read-only, with Edit and Remove. 1-5 set its direction while focus is in it. */
export const DecisionRow = memo(function DecisionRow({
  decision,
  itemId,
  meetingId,
  live,
  lead,
  tagLabels,
  onEdit,
  onRemove,
  onFollowUp,
  showToast,
}: RowProps) {
  const id = useId();
  const rowRef = useRef<HTMLLIElement>(null);
  return (
    <li ref={rowRef} className="decision-row" data-direction-scope="decision" data-decision-id={decision.id}>
      <div className="decision-main">
        <p id={`${id}-text`} className="decision-text" dir="auto">
          {decision.text}
        </p>
        <p className="decision-meta">
          <DirectionBadge direction={decision.direction} />
          {decision.owner ? (
            <span>
              Owner: <span dir="auto">{decision.owner}</span>
            </span>
          ) : null}
          {decision.dueDate ? (
            <span>
              Due <time dateTime={decision.dueDate}>{formatDay(decision.dueDate)}</time>
            </span>
          ) : null}
          {decision.outcome ? (
            <span
              className={
                decision.outcome.direction === decision.direction ? 'decision-outcome outcome-held' : 'decision-outcome outcome-missed'
              }
            >
              Turned out: {DIRECTION_LABELS[decision.outcome.direction]}
            </span>
          ) : decision.reviewDate ? (
            <span>
              Check back <time dateTime={decision.reviewDate}>{formatDay(decision.reviewDate)}</time>
            </span>
          ) : null}
        </p>
        {decision.tags.length > 0 ? (
          <ul className="tag-list" aria-label="Tags">
            {/* One chip per tag; who added it (each person once) and when, as small text and a tooltip. */}
            {groupTags(decision.tags, tagLabels).map((group) => {
              const others = group.entries.filter((entry) => entry.by && entry.by !== lead);
              return (
                <li key={group.tagId} className="tag-entry" title={`Added by ${group.entries.map(credit).join('; ')}`}>
                  <span className="tag" dir="auto">
                    {group.label}
                  </span>
                  {others.length > 0 ? (
                    <span className="tag-credit" dir="auto" aria-hidden="true">
                      {others.map((entry) => entry.by).join(', ')}
                    </span>
                  ) : null}
                  {/* Who and when, for everyone (the tooltip alone is mouse-only). */}
                  <span className="visually-hidden">
                    {' '}
                    added by{' '}
                    {group.entries.map((entry, index) => (
                      <span key={`${entry.by}-${index}`}>
                        {index > 0 ? '; ' : ''}
                        {entry.by || 'the lead'}, <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
                      </span>
                    ))}
                  </span>
                </li>
              );
            })}
          </ul>
        ) : null}
        <DecisionCitations meetingId={meetingId} itemId={itemId} decision={decision} showToast={showToast} />
      </div>
      <div className="decision-actions">
        <button type="button" className="button button-small" aria-describedby={`${id}-text`} onClick={() => onEdit(decision.id)}>
          Edit
        </button>
        <button type="button" className="button button-small" aria-describedby={`${id}-text`} onClick={() => onFollowUp(decision.id)}>
          Follow-up
        </button>
        <button
          type="button"
          className="button button-small button-quiet-danger"
          aria-describedby={`${id}-text`}
          onClick={() => onRemove(decision.id, rowRef.current)}
        >
          Remove
        </button>
      </div>
      {/* After the row's own buttons, so Tab reaches Edit first (as before votes existed). */}
      <VotePanel meetingId={meetingId} decision={decision} live={live} />
    </li>
  );
});

function toValues(decision: Decision): DecisionValues {
  return {
    text: decision.text,
    owner: decision.owner,
    dueDate: decision.dueDate ?? '',
    direction: decision.direction,
    tagIds: distinctTagIds(decision.tags),
    reviewDate: decision.reviewDate ?? '',
  };
}

interface EntriesProps extends DecisionContext {
  item: AgendaItem;
  /** The decisions to list (all of the item's, or those a filter lets through). */
  decisions: readonly Decision[];
  /** Where focus goes when the last row is removed. */
  fallbackFocus: () => HTMLElement | null;
}

/** A list of decisions of one item; Edit turns a row into the form, Remove offers Undo. */
export const DecisionEntries = memo(function DecisionEntries({
  meetingId,
  item,
  decisions,
  tags,
  people,
  showToast,
  fallbackFocus,
  live = false,
  lead = '',
}: EntriesProps) {
  const call = useMeetingCall();
  const [editing, setEditing] = useState<string | null>(null);
  const tagLabels = useTagLabels(tags);

  const onEdit = useCallback((decisionId: string) => setEditing(decisionId), []);
  // The rows' callbacks read the item when called, so they keep their identity (and the memoised
  // rows skip re-rendering) when something else in the item changes, such as the chair's answer
  // at every autosave while it is typed.
  const latestItem = useRef(item);
  useLayoutEffect(() => {
    latestItem.current = item;
  });

  const remove = useCallback(
    async (decisionId: string, row: HTMLElement | null) => {
      const current = latestItem.current;
      const index = current.decisions.findIndex((decision) => decision.id === decisionId);
      const decision = current.decisions[index];
      if (!decision) return;
      const neighbour = (row?.nextElementSibling ?? row?.previousElementSibling)?.querySelector<HTMLElement>('button');
      try {
        await call('decisions.remove', { meetingId, decisionId });
      } catch (reason) {
        showToast(`Could not remove the decision: ${asApiError(reason).message}`);
        return;
      }
      // The row goes when the service's event arrives; focus moves on now, not with it.
      (neighbour?.isConnected ? neighbour : fallbackFocus())?.focus();
      showToast(`Decision removed: “${shorten(decision.text, 48)}”`, {
        label: 'Undo',
        run: async () => {
          await call('decisions.restore', { meetingId, itemId: current.id, index, decision });
        },
      });
    },
    [call, meetingId, showToast, fallbackFocus],
  );
  const onRemove = useCallback((decisionId: string, row: HTMLElement | null) => void remove(decisionId, row), [remove]);

  const onFollowUp = useCallback(
    (decisionId: string) => {
      const decision = latestItem.current.decisions.find((d) => d.id === decisionId);
      if (!decision) return;
      call('followUps.add', { meetingId, text: decision.text, owner: decision.owner, dueDate: decision.dueDate, decisionId })
        .then((meeting) => {
          const added = meeting.followUps.at(-1);
          showToast(`Follow-up added${decision.owner ? ` for ${decision.owner}` : ''}: “${shorten(decision.text, 40)}”`, {
            label: 'Undo',
            run: async () => {
              if (added) await call('followUps.remove', { meetingId, followUpId: added.id });
            },
          });
        })
        .catch((reason: unknown) => showToast(`Could not add the follow-up: ${asApiError(reason).message}`));
    },
    [call, meetingId, showToast],
  );

  const save = async (decision: Decision, values: DecisionValues) => {
    await call('decisions.update', {
      meetingId,
      decisionId: decision.id,
      changes: {
        text: values.text,
        owner: values.owner,
        dueDate: values.dueDate || null,
        direction: values.direction,
        reviewDate: values.reviewDate || null,
      },
    });
    // The tags in one atomic change, only when they differ (shared/tags.ts).
    const before = distinctTagIds(decision.tags);
    if (before.length !== values.tagIds.length || values.tagIds.some((tagId) => !before.includes(tagId))) {
      await call('decisions.setTags', { meetingId, decisionId: decision.id, tagIds: values.tagIds });
    }
    updateThenFocus(
      () => setEditing(null),
      () => document.querySelector<HTMLElement>(`[data-decision-id="${decision.id}"] button`),
    );
  };

  if (decisions.length === 0) return null;
  return (
    <ul className="decision-list">
      {decisions.map((decision) =>
        decision.id === editing ? (
          <li key={decision.id} className="decision-row decision-row-editing">
            <DecisionForm
              mode="edit"
              initial={toValues(decision)}
              tags={tags}
              people={people}
              issuePrefix="changes"
              onSubmit={(values) => save(decision, values)}
              onCancel={() =>
                updateThenFocus(
                  () => setEditing(null),
                  () => document.querySelector<HTMLElement>(`[data-decision-id="${decision.id}"] button`),
                )
              }
            />
          </li>
        ) : (
          <DecisionRow
            key={decision.id}
            decision={decision}
            itemId={item.id}
            meetingId={meetingId}
            live={live}
            lead={lead}
            tagLabels={tagLabels}
            onEdit={onEdit}
            onRemove={onRemove}
            onFollowUp={onFollowUp}
            showToast={showToast}
          />
        ),
      )}
    </ul>
  );
});

export interface ItemDecisionsProps extends DecisionContext {
  item: AgendaItem;
  /** Bumped by the D shortcut: opens the form. */
  logRequest: number;
}

/** The decisions of one agenda item, and "Log decision". */
export const ItemDecisions = memo(function ItemDecisions(props: ItemDecisionsProps) {
  const { meetingId, item, tags, people, showToast, logRequest, live, lead } = props;
  const call = useMeetingCall();
  const id = useId();
  const [adding, setAdding] = useState(false);
  const [seenRequest, setSeenRequest] = useState(logRequest);
  const logButtonRef = useRef<HTMLButtonElement>(null);
  if (logRequest !== seenRequest) {
    setSeenRequest(logRequest);
    setAdding(true);
  }
  const fallbackFocus = useCallback(() => logButtonRef.current, []);

  const add = async (values: DecisionValues) => {
    await call('decisions.add', {
      meetingId,
      itemId: item.id,
      decision: {
        text: values.text,
        owner: values.owner,
        dueDate: values.dueDate || null,
        direction: values.direction,
        tagIds: values.tagIds,
        reviewDate: values.reviewDate || null,
      },
    });
    updateThenFocus(
      () => setAdding(false),
      () => logButtonRef.current,
    );
  };

  return (
    <section className="item-decisions" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h3 id={`${id}-heading`}>
          Decisions <span className="heading-note">{item.decisions.length}</span>
        </h3>
        {adding ? null : (
          <button ref={logButtonRef} type="button" className="button" onClick={() => setAdding(true)} aria-keyshortcuts="d">
            Log decision
          </button>
        )}
      </div>
      {item.decisions.length === 0 && !adding ? <p className="muted">No decisions for this item yet.</p> : null}
      <DecisionEntries
        meetingId={meetingId}
        item={item}
        decisions={item.decisions}
        tags={tags}
        people={people}
        showToast={showToast}
        fallbackFocus={fallbackFocus}
        live={live}
        lead={lead}
      />
      {adding ? (
        <DecisionForm
          key={seenRequest}
          mode="add"
          initial={EMPTY_DECISION}
          chairDirection={item.answer?.direction}
          tags={tags}
          people={people}
          issuePrefix="decision"
          onSubmit={add}
          onCancel={() =>
            updateThenFocus(
              () => setAdding(false),
              () => logButtonRef.current,
            )
          }
        />
      ) : null}
    </section>
  );
});
