// `deepDive/documentsChanged`: tells a client that has asked for the workspace's
// deep dives (`deepDive/documents`) when to ask again, so a view of them follows
// saves and template changes without polling. Clients that never asked are not
// told: the notification is ours, and editors without such a view need not see it.
// Not coalesced here: one event (a save, a batch of file events, a settings
// change) is one notification, and a client asking again cancels its earlier request.
export class DocumentsChanged {
  private listening = false;

  constructor(private readonly send: () => void) {}

  /** The client asked for the documents: from now on it is told when they change. */
  listen(): void {
    this.listening = true;
  }

  /** Something the documents' answer depends on changed. */
  changed(): void {
    if (this.listening) this.send();
  }
}
