// What every command handler gets: the catalog, cursors, server parameters and the
// connection it arrived on.
import { Long, ObjectId } from 'bson';
import type { Doc } from '../bson/types';
import type { Catalog } from '../storage/catalog';
import type { CursorManager } from './cursors';

export interface ServerParams {
  notablescan: boolean;
  [name: string]: unknown;
}

export interface ServerState {
  catalog: Catalog;
  cursors: CursorManager;
  params: ServerParams;
  startedAt: Date;
  port: number;
  host: string;
  topologyVersion: { processId: ObjectId; counter: Long };
  connectionsCurrent: () => number;
  connectionsTotal: () => number;
  requestShutdown: (reason: string) => void;
  opcounters: Record<string, number>;
}

export interface ConnectionInfo {
  id: number;
  remote: string;
  compressors: string[];
  clientMetadata?: Doc;
}

export interface CommandRequest {
  name: string;
  db: string;
  body: Doc;
  state: ServerState;
  conn: ConnectionInfo;
}

export type CommandResult = Doc | Promise<Doc>;
export type CommandHandler = (req: CommandRequest) => CommandResult;
