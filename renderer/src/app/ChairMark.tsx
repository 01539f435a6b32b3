/** The product mark: an empty chair seen from the side, drawn inline so it needs no image request. */
export function ChairMark({ size = 28 }: { size?: number }) {
  return (
    <svg className="chair-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" className="chair-mark-bg" />
      <g fill="none" className="chair-mark-chair" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round">
        <path d="M10 5.5l2 11.5" />
        <path d="M11.5 17.5h11" />
        <path d="M12.5 18l-1 8.5M21.5 18l1 8.5" />
      </g>
    </svg>
  );
}
