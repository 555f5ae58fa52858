/**
 * A warehouse that works by itself, for demos: on every tick some orders move one step
 * (Open → Released → Picked → Sent with a waybill → Collected) and some purchase orders are
 * received in full, so deliveries and receipts show up without anyone driving the control API.
 */
import type { OngoingSimulator } from './simulator';
import { ORDER_STATUS, OngoingSimError, PURCHASE_ORDER_STATUS } from './state';

export interface WarehouseClockOptions {
  intervalMs: number;
  /** Random source in [0, 1). */
  random?: () => number;
  /** Chance per tick that a record moves on. Default 0.5. */
  share?: number;
  /** Only work on this goods owner's records. */
  goodsOwnerId?: number;
  onEvent?: (event: WarehouseClockEvent) => void;
}

export interface WarehouseClockEvent {
  kind: 'released' | 'picked' | 'sent' | 'collected' | 'received';
  /** orderId or purchaseOrderId */
  id: number;
  number: string;
  status: number;
  waybill?: string;
}

export interface WarehouseClock {
  start(): void;
  stop(): void;
  /** One round of work; returns what happened. */
  tick(): WarehouseClockEvent[];
  readonly running: boolean;
}

export function createWarehouseClock(
  sim: Pick<OngoingSimulator, 'state' | 'warehouse'>,
  options: WarehouseClockOptions,
): WarehouseClock {
  if (!Number.isFinite(options.intervalMs) || options.intervalMs <= 0) {
    throw new Error(`Warehouse clock interval must be a positive number of milliseconds, got ${options.intervalMs}.`);
  }
  const random = options.random ?? Math.random;
  const share = options.share ?? 0.5;
  let timer: ReturnType<typeof setInterval> | undefined;

  const tick = (): WarehouseClockEvent[] => {
    const state = sim.state;
    const events: WarehouseClockEvent[] = [];
    const emit = (event: WarehouseClockEvent) => {
      events.push(event);
      options.onEvent?.(event);
    };
    const orders = [...state.orders.values()]
      .filter((o) => options.goodsOwnerId === undefined || o.goodsOwnerId === options.goodsOwnerId)
      .sort((a, b) => a.orderId - b.orderId);
    for (const order of orders) {
      if (order.status >= ORDER_STATUS.collected || order.status < ORDER_STATUS.open) continue;
      if (random() >= share) continue;
      try {
        if (order.status === ORDER_STATUS.open) {
          state.release(order);
          emit({ kind: 'released', id: order.orderId, number: order.orderNumber, status: order.status });
        } else if (order.status < ORDER_STATUS.picked) {
          state.pick(order);
          emit({ kind: 'picked', id: order.orderId, number: order.orderNumber, status: order.status });
        } else if (order.status < ORDER_STATUS.sent) {
          state.ship(order, { status: ORDER_STATUS.sent, waybill: state.nextWaybill() });
          emit({
            kind: 'sent',
            id: order.orderId,
            number: order.orderNumber,
            status: order.status,
            waybill: order.wayBill ?? undefined,
          });
        } else {
          state.ship(order, { status: ORDER_STATUS.collected });
          emit({ kind: 'collected', id: order.orderId, number: order.orderNumber, status: order.status });
        }
      } catch (error) {
        // No stock to pick yet: the order waits for a later tick.
        if (!(error instanceof OngoingSimError)) throw error;
      }
    }
    const purchaseOrders = [...state.purchaseOrders.values()]
      .filter((p) => options.goodsOwnerId === undefined || p.goodsOwnerId === options.goodsOwnerId)
      .sort((a, b) => a.purchaseOrderId - b.purchaseOrderId);
    for (const po of purchaseOrders) {
      if (po.status >= PURCHASE_ORDER_STATUS.received || po.lines.length === 0) continue;
      if (random() >= share) continue;
      try {
        state.receive(po);
        emit({ kind: 'received', id: po.purchaseOrderId, number: po.purchaseOrderNumber, status: po.status });
      } catch (error) {
        if (!(error instanceof OngoingSimError)) throw error;
      }
    }
    return events;
  };

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => {
        try {
          tick();
        } catch (error) {
          console.error('Ongoing warehouse clock:', error);
        }
      }, options.intervalMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    tick,
    get running() {
      return timer !== undefined;
    },
  };
}
