/** Malformed bytes on a connection: the connection is closed, the server keeps going. */
export class ProtocolError extends Error {}
