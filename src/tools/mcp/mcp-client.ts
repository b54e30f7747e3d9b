import { Protocol, type RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolResultSchema,
  InitializeResultSchema,
  LATEST_PROTOCOL_VERSION,
  ListToolsResultSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
  type CallToolRequest,
  type ClientNotification,
  type ClientRequest,
  type ClientResult,
  type Implementation,
  type ServerCapabilities,
} from '@modelcontextprotocol/sdk/types.js';

/**
 * The MCP client Wren needs: handshake, tools/list, tools/call, on the SDK's
 * own Protocol class (framing, request ids, timeouts, progress, cancellation,
 * ping are all the SDK's).
 *
 * Why not the SDK's `Client`: it statically imports Ajv as its default output
 * validator, and Ajv's code generator carries a `sourceURL=` template that the
 * build's public-artifact proof rightly refuses (and ~100 KB). Wren uses
 * neither output-schema validation nor the sampling, elicitation, roots or
 * task features the Client adds; what it does use is exactly this.
 */
export class McpClient extends Protocol<ClientRequest, ClientNotification, ClientResult> {
  readonly #info: Implementation;
  #server: { capabilities: ServerCapabilities; info: Implementation; instructions?: string } | undefined;

  constructor(info: Implementation) {
    super();
    this.#info = info;
  }

  /** Connects and runs the initialize handshake; closes the transport if the handshake fails. */
  override async connect(transport: Transport, options?: RequestOptions): Promise<void> {
    await super.connect(transport);
    try {
      const result = await this.request(
        // We declare no capabilities: the server may not sample, elicit or ask for roots through us.
        { method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: this.#info } },
        InitializeResultSchema,
        options,
      );
      if (!SUPPORTED_PROTOCOL_VERSIONS.includes(result.protocolVersion)) throw new Error(`the server speaks MCP ${result.protocolVersion}, which this client does not support`);
      transport.setProtocolVersion?.(result.protocolVersion);
      this.#server = { capabilities: result.capabilities, info: result.serverInfo, ...(result.instructions ? { instructions: result.instructions } : {}) };
      await this.notification({ method: 'notifications/initialized' });
    } catch (error) {
      void this.close();
      throw error;
    }
  }

  /** After connect: whether the server offers tools at all. */
  get hasTools(): boolean {
    return this.#server?.capabilities.tools !== undefined;
  }

  get serverInfo(): Implementation | undefined {
    return this.#server?.info;
  }

  get instructions(): string | undefined {
    return this.#server?.instructions;
  }

  listTools(cursor: string | undefined, options?: RequestOptions) {
    return this.request({ method: 'tools/list', params: cursor ? { cursor } : {} }, ListToolsResultSchema, options);
  }

  callTool(params: CallToolRequest['params'], options?: RequestOptions) {
    return this.request({ method: 'tools/call', params }, CallToolResultSchema, options);
  }

  protected assertCapabilityForMethod(method: ClientRequest['method']): void {
    if ((method === 'tools/list' || method === 'tools/call') && this.#server && !this.hasTools) throw new Error('the server offers no tools');
  }

  protected assertNotificationCapability(): void {}

  protected assertRequestHandlerCapability(): void {}

  protected assertTaskCapability(): void {}

  protected assertTaskHandlerCapability(): void {}
}
