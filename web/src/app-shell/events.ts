/** Events the app shell listens for. */

export interface NavigateDetail {
  /** New path; omitted = stay on the current view. */
  path?: string;
  /** Query parameters to set (null removes one); others are kept. */
  params?: Record<string, string | number | null>;
  /** Replace the history entry instead of pushing one. */
  replace?: boolean;
}

/** Asks the shell to change the URL (bubbles out of shadow roots). */
export class NavigateEvent extends CustomEvent<NavigateDetail> {
  static readonly eventName = 'tk-navigate';
  constructor(detail: NavigateDetail) {
    super(NavigateEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tk-navigate': NavigateEvent;
  }
}
