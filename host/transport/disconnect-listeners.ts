/** The listener set behind `Transport.onDisconnect`: each listener runs once per disconnect, in order. */
import type { TransportError } from './errors.ts';
import type { Unsubscribe } from './transport.ts';

export class DisconnectListeners {
  private readonly listeners = new Set<(err: TransportError) => void>();

  add(listener: (err: TransportError) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(err: TransportError): void {
    for (const l of [...this.listeners]) l(err);
  }
}
