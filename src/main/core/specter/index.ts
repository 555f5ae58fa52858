export {
  newBatchNo,
  type SpecterBatch,
  SpecterClient,
  type SpecterClientOptions,
  type SpecterCredentials,
  type SpecterListFilter,
  type SpecterStockRow,
  type SpecterStockUpdateResult,
  type SpecterWarning,
} from './client';
export { md5Latin1Hex, specterKey } from './key';
export { decodeForm, encodeLatin1Component, encodeLatin1Form, isLatin1, toLatin1 } from './latin1';
export { isSpecterDate, isSpecterTimestamp, normalizeSpecterTimestamp, toSpecterTimestamp } from './time';
