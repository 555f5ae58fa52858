import { useState } from 'react';
import type { DoctorReport } from '../../shared/doctor';
import { getApi } from '../api';
import { useAppStore, useT } from '../store';

/** Settings → Diagnostik: every read on both systems once, never a write, and a redacted report of the answers. */
export function DiagnosticsSection() {
  const t = useT();
  const act = useAppStore((s) => s.act);
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<DoctorReport | null>(null);
  const failed = report ? report.actions.filter((a) => a.called && !a.ok) : [];
  return (
    <>
      <h2>{t('diagnostics.heading')}</h2>
      <p className="muted">{t('diagnostics.hint')}</p>
      <button
        type="button"
        data-testid="run-diagnostics"
        disabled={running}
        onClick={() =>
          void act(async () => {
            setRunning(true);
            try {
              setReport(await getApi().runDiagnostics({}));
            } finally {
              setRunning(false);
            }
          })
        }
      >
        {running ? t('diagnostics.running') : t('diagnostics.run')}
      </button>
      {report && (
        <div data-testid="diagnostics-report">
          <p>
            {t('diagnostics.saved')} <code>{report.file}</code>
          </p>
          <p data-testid="diagnostics-line">{report.line}</p>
          {failed.length > 0 && (
            <>
              <p>{t('diagnostics.failed')}</p>
              <ul>
                {failed.map((a) => (
                  <li key={`${a.system}-${a.action}`}>
                    {a.system} {a.action}
                    {a.constant ? ` (${a.constant})` : ''}
                    {a.errorCode !== null ? `: ${a.errorCode} ${a.errorText}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </>
  );
}
