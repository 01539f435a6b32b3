/**
 * Performance marks the renderer benchmark reads (scripts/bench/renderer.ts). Marks cost next to
 * nothing; the measure is taken once per page load, for the first meeting screen shown.
 */
export const MARKS = {
  /** meetings.get answered: the meeting's data has arrived (parsed). */
  meetingData: 'empty-chair:meeting-data',
  /** The first frame after the meeting screen committed with that data. */
  meetingReady: 'empty-chair:meeting-ready',
  /** From data to that frame. */
  meetingInteractive: 'empty-chair:meeting-interactive',
} as const;

let measured = false;

/** Called from the meeting screen's first commit with data: marks the frame after it has painted. */
export function markMeetingReady(): void {
  if (measured || typeof performance === 'undefined' || performance.getEntriesByName(MARKS.meetingData).length === 0) return;
  measured = true;
  requestAnimationFrame(() => {
    // rAF runs before that frame's paint; a task queued from it runs after the paint.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      performance.mark(MARKS.meetingReady);
      performance.measure(MARKS.meetingInteractive, MARKS.meetingData, MARKS.meetingReady);
    };
    channel.port2.postMessage(null);
  });
}
