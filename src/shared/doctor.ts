/**
 * The diagnostic run ("doctor"): every read the app makes on Specter and Ongoing, called once with the
 * configured credentials, and what each reply held compared with what the app expects.
 */
import type { RemoteSystemName } from './api';

/** A field the app expects and did not find, or a field it does not know. */
export interface DoctorField {
  /** Where it was looked for, e.g. 'order', 'order > rows > row', 'orders[]'. */
  where: string;
  /** The name on the wire. */
  name: string;
  /** The wire constant that holds the name (Specter), e.g. 'XML_ORDER.orderNo'; '' for unknown fields. */
  constant: string;
}

export interface DoctorAction {
  system: RemoteSystemName;
  /** The action (Specter) or request (Ongoing, e.g. 'GET orders'). */
  action: string;
  /** The wire constant of the action, e.g. 'ACTION.getOrders' ('' for Ongoing). */
  constant: string;
  /** False when the action was not called; `note` says why. */
  called: boolean;
  /** The system sent a reply that the app could read as its envelope (Specter) or JSON (Ongoing). */
  answered: boolean;
  /** The app's reader read the records without failing. */
  parsed: boolean;
  /** Records in the reply. */
  records: number;
  status: number | null;
  /** Specter's error code and text when it answered result 0. */
  errorCode: number | null;
  errorText: string;
  missing: DoctorField[];
  unknown: DoctorField[];
  /** What else the operator should know (why it was skipped, a batch note, read issues). */
  notes: string[];
  /** The file of this action in the report. */
  file: string;
  /** Answered and parsed, nothing missing. */
  ok: boolean;
}

export interface DoctorReport {
  file: string;
  bytes: number;
  createdAt: string;
  actions: DoctorAction[];
  /** Actions called that were not ok. */
  failed: number;
  /** One line: how many actions were answered, parsed, and which failed. */
  line: string;
}
