import WebSocket from 'ws';

// Node 20 has no global WebSocket; the `ws` package fills in (Node 22+ would use the global).
export const WebSocketImpl = globalThis.WebSocket ?? WebSocket;
