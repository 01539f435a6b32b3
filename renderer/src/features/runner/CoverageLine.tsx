import { memo } from 'react';
import { chairCoverage, formatCoverage } from '../../../../shared/coverage';
import type { Meeting } from '../../../../shared/domain';

/** Chair coverage, live: covered of discussed (from chairCoverage), plus no-impact and skipped counts. */
export const CoverageLine = memo(function CoverageLine({ agenda }: { agenda: Meeting['agenda'] }) {
  const coverage = chairCoverage({ agenda } as Meeting);
  return (
    <p className="coverage">
      <span className="coverage-label">Chair coverage</span> <strong className="coverage-value">{formatCoverage(coverage)}</strong>
      <span className="coverage-sep" aria-hidden="true">
        ·
      </span>
      <span className="coverage-count">{coverage.answered} answered</span>
      <span className="coverage-sep" aria-hidden="true">
        ·
      </span>
      <span className="coverage-count">{coverage.noImpact} no impact</span>
      <span className="coverage-sep" aria-hidden="true">
        ·
      </span>
      <span className={coverage.skipped > 0 ? 'coverage-count coverage-skipped' : 'coverage-count'}>{coverage.skipped} skipped</span>
    </p>
  );
});
