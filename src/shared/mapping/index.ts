/**
 * Declarative field mappings between Specter and Ongoing, with validation, change detection and
 * the mapping report. Pure functions: no I/O.
 */
export * from './articles';
export * from './core';
export * from './delivery-submit';
export * from './hash';
export * from './limits';
export * from './orders';
export * from './purchase-orders';
export * from './receipt-submit';
export * from './report';
export * from './report-quantities';
export * from './validation';
export * from './samples';
