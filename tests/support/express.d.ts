/**
 * The part of Express the tests' OAuth server uses (express is installed as the MCP SDK's
 * dependency, without its types; the SDK's server auth helpers are Express handlers).
 */
declare module 'express' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';

  export interface Request extends IncomingMessage {
    body?: unknown;
  }
  export interface Response extends ServerResponse {
    status(code: number): Response;
    send(body: unknown): Response;
    json(body: unknown): Response;
    redirect(url: string): void;
  }
  export type NextFunction = (error?: unknown) => void;
  export type RequestHandler = (req: Request, res: Response, next: NextFunction) => void;
  export type Router = RequestHandler;
  export interface Express extends RequestHandler {
    use(...handlers: RequestHandler[]): Express;
    get(path: string, ...handlers: RequestHandler[]): Express;
    post(path: string, ...handlers: Array<RequestHandler | ((req: Request, res: Response) => Promise<void>)>): Express;
    listen(port: number, host: string, callback: () => void): Server;
  }
  interface ExpressStatic {
    (): Express;
    json(): RequestHandler;
    urlencoded(): RequestHandler;
    Router(): Router;
  }
  const express: ExpressStatic;
  export default express;
}
