import type { ConnectionState } from '../../shared/api';
import type { MessageKey } from '../../shared/i18n';
import { useT } from '../store';

export function ConnectionBadge({ connection }: { connection: ConnectionState | undefined }) {
  const t = useT();
  const state = connection?.state ?? 'unknown';
  return (
    <span
      className={`badge badge-${state}`}
      data-testid={`connection-${connection?.system ?? 'unknown'}`}
      data-state={state}
    >
      {t(`status.${state}` as MessageKey)}
    </span>
  );
}
