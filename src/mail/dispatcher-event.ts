/** What the dispatcher reports; the composition root logs it. */
export type DispatcherEvent =
  | { type: 'started'; owner: string; recovered: number }
  | { type: 'delivery'; deliveryId: number; status: string; via: string; reply: string }
  | { type: 'drill_refused'; deliveryId: number; message: string }
  | { type: 'lock_lost'; owner: string }
  | { type: 'error'; message: string };

export type DispatcherLog = (event: DispatcherEvent) => void;
