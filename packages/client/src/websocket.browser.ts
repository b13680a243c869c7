export const WebSocketImpl = globalThis.WebSocket;
