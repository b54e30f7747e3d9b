/*
 * The fake Messages API's vocabulary: what a scripted reply is, what a fault
 * is, and what the server records of each request it receives.
 */

/** A `cache_control` marker as the API takes it. */
export interface CacheControl {
  readonly type: 'ephemeral';
  readonly ttl?: '5m' | '1h';
}

/** A content block the fake model can produce. */
export type Block =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_use'; readonly id?: string; readonly name: string; readonly input: unknown }
  | { readonly type: 'thinking'; readonly thinking: string; readonly signature?: string }
  | { readonly type: 'redacted_thinking'; readonly data: string };

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

/** Usage numbers of one reply, as the API reports them. */
export interface UsageNumbers {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
}

/** How a turn is delivered on the wire. */
export interface TurnTiming {
  /** Wait this long before sending the response headers. @default 0 */
  readonly latencyMs?: number;
  /** Wait this long between SSE events ("slow chunks"). @default 0 */
  readonly chunkDelayMs?: number;
  /**
   * Send this many SSE events, then stall: nothing more is sent until the
   * client disconnects or the server closes. For abort tests.
   */
  readonly stallAfterEvents?: number;
  /** Characters per text/thinking delta. @default 12 */
  readonly deltaSize?: number;
}

/** One scripted assistant reply. */
export interface Turn extends TurnTiming {
  readonly kind: 'turn';
  readonly content: readonly Block[];
  /** @default 'tool_use' when the turn holds a tool_use block, else 'end_turn' */
  readonly stopReason?: StopReason;
  /** Overrides of the computed usage numbers. */
  readonly usage?: Partial<UsageNumbers>;
  /** @default the model the request named */
  readonly model?: string;
}

/** A reply that goes wrong, the way the real API goes wrong. */
export type Fault =
  | {
      readonly kind: 'http_error';
      readonly status: number;
      readonly errorType: string;
      readonly message: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | {
      /** Sends `afterEvents` whole events, then half of the next one, then drops the connection. */
      readonly kind: 'cut';
      readonly turn: Turn;
      readonly afterEvents: number;
    }
  | {
      /** Sends `afterEvents` events, then an SSE `error` event, as the API does when it overloads mid-stream. */
      readonly kind: 'stream_error';
      readonly turn: Turn;
      readonly afterEvents: number;
      readonly errorType: string;
      readonly message: string;
    }
  | {
      /** Accepts the request and never answers (until the client gives up or the server closes). */
      readonly kind: 'hang';
    };

/**
 * What a script entry may be: a plain string (one text block), one block, a
 * list of blocks (one turn), a full `turn(...)`, or a fault.
 */
export type Reply = string | Block | readonly Block[] | Turn | Fault;

/** A script entry: a reply, or a function of the request that returns one. */
export type ScriptEntry = Reply | ((request: RecordedRequest<MessagesBody>) => Reply | Promise<Reply>);

/** A whole script: entries consumed one per `POST /v1/messages`, or one function for every request. */
export type Script = readonly ScriptEntry[] | ((request: RecordedRequest<MessagesBody>) => Reply | Promise<Reply>);

/** A content block in a request body, loosely typed so tests can read any field. */
export interface BodyBlock {
  readonly type: string;
  readonly cache_control?: CacheControl;
  // Tests read whichever field the block type has (text, tool_use_id, content, input...).
  readonly [field: string]: any;
}

/** A message in a request body. */
export interface BodyMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string | readonly BodyBlock[];
}

/** The parsed body of `POST /v1/messages` (and, without max_tokens, of count_tokens). */
export interface MessagesBody {
  readonly model: string;
  readonly max_tokens: number;
  readonly messages: readonly BodyMessage[];
  readonly system?: string | readonly BodyBlock[];
  readonly tools?: readonly BodyBlock[];
  readonly stream?: boolean;
  readonly thinking?: { readonly type: string; readonly budget_tokens?: number };
  readonly tool_choice?: { readonly type: string; readonly name?: string };
  readonly [field: string]: unknown;
}

/** What the server did with a request. */
export type ReplyKind = 'turn' | 'http_error' | 'cut' | 'stream_error' | 'hang' | 'count_tokens' | 'rejected' | 'not_found';

/** One request the server received, as tests assert on it. */
export interface RecordedRequest<Body = unknown> {
  /** 0-based position among all requests this server received. */
  readonly index: number;
  readonly method: string;
  /** Path without the query string, e.g. `/v1/messages`. */
  readonly path: string;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body (undefined if there was none or it was not JSON). */
  readonly body: Body;
  readonly rawBody: string;
  /** When the request's body had fully arrived, in epoch milliseconds (sub-millisecond precision). */
  readonly receivedAt: number;
  /** What the server replied; set once it has decided. */
  reply?: { readonly kind: ReplyKind; readonly status: number };
  /** When the server finished (or dropped) its response, epoch milliseconds. */
  finishedAt?: number;
}
