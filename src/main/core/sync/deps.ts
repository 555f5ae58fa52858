import type { Settings } from '../../../shared/settings';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logging/logger';
import type { RemoteClients } from '../remote-clients';
import type { AuditLogRepository } from '../repositories/audit-log-repository';
import type { ExceptionRepository } from '../repositories/exception-repository';
import type { PostingRepository } from '../repositories/posting-repository';
import type { RecordRepository } from '../repositories/record-repository';
import type { SettingsRepository } from '../repositories/settings-repository';
import type { WatermarkRepository } from '../repositories/watermark-repository';
import type { Db } from '../store/database';

/** Everything a sync job or the postings service may use. Built once per running app. */
export interface SyncDeps {
  db: Db;
  clients: RemoteClients;
  settings: () => Settings;
  settingsRepo: SettingsRepository;
  records: RecordRepository;
  exceptions: ExceptionRepository;
  watermarks: WatermarkRepository;
  postings: PostingRepository;
  audit: AuditLogRepository;
  events: EventBus;
  logger: Logger;
  now: () => Date;
}
