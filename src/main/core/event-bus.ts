import type { AppEvent } from '../../shared/api';

/** In-process fan-out of app events to every transport (IPC windows, SSE clients). */
export class EventBus {
  private readonly listeners = new Set<(event: AppEvent) => void>();

  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (e.g. a closed window) must not stop the others.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
