/*!
 * pitaya.js 0.1.0 — JavaScript client for the Pitaya wire protocol (Pitaya for Jakarta EE).
 *
 * No dependencies, no build step. Works as a classic <script src="/pitaya.js"> (defines window.Pitaya)
 * and as a CommonJS module in Node >= 20 (require('./pitaya.js') or a default import from an ES module).
 *
 * Layers:
 *   Pitaya.Packet   – 4-byte header framing: type(1) | body length (24-bit big-endian) | body
 *   Pitaya.Message  – data-packet body: flag | [LEB128 id] | [route] | payload
 *   Pitaya.Client   – WebSocket client: handshake/ack, heartbeat, request/notify/push/kick
 *
 * zlib-compressed payloads (flag 0x10) and zlib handshake responses are inflated with the platform's
 * DecompressionStream, which is asynchronous; the client therefore processes incoming WebSocket messages
 * through a promise queue so that responses and pushes are delivered in wire order.
 */
(function (root, factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module && module.exports) {
    module.exports = api;
  } else {
    root.Pitaya = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  var VERSION = '0.1.0';

  // ------------------------------------------------------------------------------------------------
  // Errors

  /** Error codes produced by this client (server errors keep the server's code, e.g. "PIT-404"). */
  var ErrorCode = Object.freeze({
    TIMEOUT: 'PIT-504',
    CONNECTION_CLOSED: 'CONNECTION_CLOSED',
    NOT_CONNECTED: 'NOT_CONNECTED',
    PROTOCOL_ERROR: 'PROTOCOL_ERROR',
    HANDSHAKE_FAILED: 'HANDSHAKE_FAILED',
    UNKNOWN: 'PIT-000'
  });

  /**
   * Error carrying Pitaya's error shape: code (string such as "PIT-404"), msg and metadata (object).
   */
  class PitayaError extends Error {
    constructor(code, msg, metadata, extra) {
      super(msg || code);
      this.name = 'PitayaError';
      this.code = code;
      this.msg = msg || '';
      this.metadata = metadata || {};
      if (extra) {
        for (var k in extra) {
          if (Object.prototype.hasOwnProperty.call(extra, k)) this[k] = extra[k];
        }
      }
    }
  }

  function protocolError(message) {
    return new PitayaError(ErrorCode.PROTOCOL_ERROR, message);
  }

  // ------------------------------------------------------------------------------------------------
  // Bytes and text

  var textEncoder = new TextEncoder();
  var textDecoder = new TextDecoder('utf-8');
  var EMPTY = new Uint8Array(0);

  function utf8Encode(str) {
    return textEncoder.encode(str);
  }

  function utf8Decode(bytes) {
    return textDecoder.decode(bytes);
  }

  /** Returns a Uint8Array view of ArrayBuffer / typed array / DataView / Node Buffer input. */
  function toBytes(data) {
    if (data == null) return EMPTY;
    if (data instanceof Uint8Array) return data;
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (typeof SharedArrayBuffer !== 'undefined' && data instanceof SharedArrayBuffer) return new Uint8Array(data);
    if (Array.isArray(data)) return Uint8Array.from(data);
    throw new TypeError('expected binary data (ArrayBuffer or typed array), got ' + typeof data);
  }

  function concatBytes(chunks) {
    var total = 0;
    var i;
    for (i = 0; i < chunks.length; i++) total += chunks[i].length;
    var out = new Uint8Array(total);
    var offset = 0;
    for (i = 0; i < chunks.length; i++) {
      out.set(chunks[i], offset);
      offset += chunks[i].length;
    }
    return out;
  }

  function hex(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }

  function fromHex(str) {
    var clean = String(str).replace(/[^0-9a-fA-F]/g, '');
    if (clean.length % 2 !== 0) throw new RangeError('odd number of hex digits');
    var out = new Uint8Array(clean.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
    return out;
  }

  // ------------------------------------------------------------------------------------------------
  // zlib

  /** True if the two bytes are a valid zlib (RFC 1950) header with the deflate method. */
  function isZlib(bytes) {
    return bytes.length >= 2 && (bytes[0] & 0x0f) === 8 && (bytes[0] >> 4) <= 7 &&
      ((bytes[0] << 8) | bytes[1]) % 31 === 0;
  }

  function isGzip(bytes) {
    return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  }

  /**
   * Inflates zlib (what Pitaya emits) or gzip data (auto-detected) with DecompressionStream.
   * @returns {Promise<Uint8Array>}
   */
  function inflate(data) {
    var bytes = toBytes(data);
    if (typeof DecompressionStream === 'undefined') {
      return Promise.reject(new Error('DecompressionStream is not available: cannot inflate compressed data'));
    }
    var ds;
    try {
      ds = new DecompressionStream(isGzip(bytes) ? 'gzip' : 'deflate');
    } catch (e) {
      return Promise.reject(e);
    }
    var writer = ds.writable.getWriter();
    // Errors of the write side surface on the read side as well; read concurrently to avoid back-pressure stalls.
    writer.write(bytes).catch(function () {});
    writer.close().catch(function () {});
    var reader = ds.readable.getReader();
    var chunks = [];
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) return concatBytes(chunks);
        chunks.push(toBytes(r.value));
        return pump();
      });
    }
    return pump().catch(function (e) {
      throw protocolError('cannot inflate compressed data: ' + (e && e.message ? e.message : e));
    });
  }

  // ------------------------------------------------------------------------------------------------
  // Packets

  var PacketType = Object.freeze({
    HANDSHAKE: 1,
    HANDSHAKE_ACK: 2,
    HEARTBEAT: 3,
    DATA: 4,
    KICK: 5
  });

  var HEADER_LENGTH = 4;
  var MAX_BODY_LENGTH = 0xffffff;

  function validPacketType(type) {
    return type >= PacketType.HANDSHAKE && type <= PacketType.KICK;
  }

  /** Encodes one packet: type byte, 24-bit big-endian body length, body. */
  function encodePacket(type, body) {
    if (!validPacketType(type)) throw new RangeError('wrong packet type: ' + type);
    var b = body == null ? EMPTY : toBytes(body);
    if (b.length > MAX_BODY_LENGTH) throw new RangeError('packet body too large: ' + b.length + ' bytes');
    var out = new Uint8Array(HEADER_LENGTH + b.length);
    out[0] = type;
    out[1] = (b.length >>> 16) & 0xff;
    out[2] = (b.length >>> 8) & 0xff;
    out[3] = b.length & 0xff;
    out.set(b, HEADER_LENGTH);
    return out;
  }

  /** Parses the packet header at offset; returns {type, length} or throws on a wrong type. */
  function readHeader(bytes, offset) {
    var type = bytes[offset];
    if (!validPacketType(type)) throw protocolError('wrong packet type: ' + type);
    var length = (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
    return { type: type, length: length };
  }

  /**
   * Splits a buffer holding one or more complete packets (a WebSocket message) into packets.
   * Strict: a truncated header/body or a wrong type throws.
   * @returns {Array<{type:number, body:Uint8Array}>} bodies are views into the input
   */
  function decodePackets(data) {
    var bytes = toBytes(data);
    var packets = [];
    var offset = 0;
    while (offset < bytes.length) {
      if (bytes.length - offset < HEADER_LENGTH) throw protocolError('truncated packet header');
      var h = readHeader(bytes, offset);
      offset += HEADER_LENGTH;
      if (bytes.length - offset < h.length) {
        throw protocolError('received less data than expected: ' + (bytes.length - offset) + ' of ' + h.length);
      }
      packets.push({ type: h.type, body: bytes.subarray(offset, offset + h.length) });
      offset += h.length;
    }
    return packets;
  }

  /**
   * Incremental packet decoder for stream transports: push() any chunk, get the complete packets;
   * a trailing partial packet is kept until more bytes arrive.
   */
  class PacketReader {
    constructor() {
      this._buf = EMPTY;
    }

    get pending() {
      return this._buf.length;
    }

    push(data) {
      var chunk = toBytes(data);
      var bytes = this._buf.length ? concatBytes([this._buf, chunk]) : chunk;
      var packets = [];
      var offset = 0;
      while (bytes.length - offset >= HEADER_LENGTH) {
        var h = readHeader(bytes, offset);
        if (bytes.length - offset - HEADER_LENGTH < h.length) break;
        var start = offset + HEADER_LENGTH;
        packets.push({ type: h.type, body: bytes.slice(start, start + h.length) });
        offset = start + h.length;
      }
      this._buf = bytes.slice(offset);
      return packets;
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Messages

  var MessageType = Object.freeze({
    REQUEST: 0,
    NOTIFY: 1,
    RESPONSE: 2,
    PUSH: 3
  });

  var FLAG_ROUTE_COMPRESSED = 0x01;
  var FLAG_COMPRESSED = 0x10;
  var FLAG_ERROR = 0x20;
  var MAX_ROUTE_LENGTH = 255;
  var MAX_ROUTE_CODE = 0xffff;

  function hasId(type) {
    return type === MessageType.REQUEST || type === MessageType.RESPONSE;
  }

  function hasRoute(type) {
    return type === MessageType.REQUEST || type === MessageType.NOTIFY || type === MessageType.PUSH;
  }

  /** Unsigned LEB128 (7 bits per byte, least significant group first). Safe up to 2^53-1. */
  function encodeVarint(value) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('invalid message id: ' + value);
    var out = [];
    do {
      var group = value % 128;
      value = Math.floor(value / 128);
      out.push(value > 0 ? group | 0x80 : group);
    } while (value > 0);
    return Uint8Array.from(out);
  }

  /** @returns {{value:number, length:number}} throws if the varint does not terminate inside the buffer */
  function decodeVarint(bytes, offset) {
    var value = 0;
    var scale = 1;
    for (var i = offset; i < bytes.length; i++) {
      var b = bytes[i];
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (!Number.isSafeInteger(value)) throw protocolError('message id too large');
        return { value: value, length: i - offset + 1 };
      }
      scale *= 128;
      if (i - offset >= 7) throw protocolError('message id too long');
    }
    throw protocolError('invalid message: truncated message id');
  }

  function lookupCode(dict, route) {
    if (!dict) return undefined;
    var code = dict instanceof Map ? dict.get(route) : (Object.prototype.hasOwnProperty.call(dict, route) ? dict[route] : undefined);
    return typeof code === 'number' ? code : undefined;
  }

  function lookupRoute(codes, code) {
    if (!codes) return undefined;
    if (codes instanceof Map) return codes.get(code);
    return Object.prototype.hasOwnProperty.call(codes, code) ? codes[code] : undefined;
  }

  /**
   * Encodes a message body.
   * @param {object} msg {type, id?, route?, body?, compressed?, error?}; route may be a string or a numeric
   *   dictionary code; `compressed` only sets flag 0x10 (the caller supplies an already deflated body).
   * @param {object|Map} [dict] route → code; a route found here is sent as its 2-byte code.
   * @returns {Uint8Array}
   */
  function encodeMessage(msg, dict) {
    var type = msg.type;
    if (!(type >= 0 && type <= 3) || type !== Math.floor(type)) throw new RangeError('wrong message type: ' + type);
    var flag = type << 1;
    var parts = [];
    if (hasId(type)) parts.push(encodeVarint(msg.id || 0));
    if (hasRoute(type)) {
      var route = msg.route == null ? '' : msg.route;
      var code = typeof route === 'number' ? route : lookupCode(dict, route);
      if (code !== undefined) {
        if (!Number.isInteger(code) || code < 0 || code > MAX_ROUTE_CODE) throw new RangeError('invalid route code: ' + code);
        flag |= FLAG_ROUTE_COMPRESSED;
        parts.push(Uint8Array.of((code >>> 8) & 0xff, code & 0xff));
      } else {
        var r = utf8Encode(String(route));
        if (r.length > MAX_ROUTE_LENGTH) throw new RangeError('route too long: ' + r.length + ' bytes (max 255)');
        parts.push(Uint8Array.of(r.length), r);
      }
    }
    if (msg.compressed) flag |= FLAG_COMPRESSED;
    if (msg.error) flag |= FLAG_ERROR;
    parts.unshift(Uint8Array.of(flag));
    if (msg.body != null) parts.push(toBytes(msg.body));
    return concatBytes(parts);
  }

  /**
   * Decodes a message body (synchronously; a compressed payload is returned as is, see inflate()).
   * @param {Uint8Array} data
   * @param {object|Map} [codes] code → route, used to resolve compressed routes (unknown code throws)
   * @returns {{type, id, route, routeCode, routeCompressed, compressed, error, body}}
   */
  function decodeMessage(data, codes) {
    var bytes = toBytes(data);
    if (bytes.length < 2) throw protocolError('invalid message: too short');
    var flag = bytes[0];
    var type = (flag >> 1) & 0x07;
    if (type > 3) throw protocolError('wrong message type: ' + type);
    var out = {
      type: type,
      id: 0,
      route: null,
      routeCode: null,
      routeCompressed: (flag & FLAG_ROUTE_COMPRESSED) !== 0,
      compressed: (flag & FLAG_COMPRESSED) !== 0,
      error: (flag & FLAG_ERROR) !== 0,
      body: EMPTY
    };
    var offset = 1;
    if (hasId(type)) {
      var v = decodeVarint(bytes, offset);
      out.id = v.value;
      offset += v.length;
    }
    if (hasRoute(type)) {
      if (out.routeCompressed) {
        if (bytes.length - offset < 2) throw protocolError('invalid message: truncated route code');
        out.routeCode = (bytes[offset] << 8) | bytes[offset + 1];
        offset += 2;
        var route = lookupRoute(codes, out.routeCode);
        if (route === undefined) throw protocolError('route info not found in dictionary: ' + out.routeCode);
        out.route = route;
      } else {
        if (bytes.length - offset < 1) throw protocolError('invalid message: missing route length');
        var len = bytes[offset++];
        if (bytes.length - offset < len) throw protocolError('invalid message: truncated route');
        out.route = utf8Decode(bytes.subarray(offset, offset + len));
        offset += len;
      }
    }
    out.body = bytes.subarray(offset);
    return out;
  }

  // ------------------------------------------------------------------------------------------------
  // Handshake and payloads

  /** Encodes the client handshake packet: {"sys":{...},"user":{...}} as plain UTF-8 JSON. */
  function encodeHandshake(sys, user) {
    return encodePacket(PacketType.HANDSHAKE, utf8Encode(JSON.stringify({ sys: sys, user: user || {} })));
  }

  /** Parses a handshake response body, inflating it first if it starts with a zlib or gzip header. */
  function decodeHandshake(body) {
    var bytes = toBytes(body);
    var p = (isZlib(bytes) || isGzip(bytes)) ? inflate(bytes) : Promise.resolve(bytes);
    return p.then(function (plain) {
      try {
        return JSON.parse(utf8Decode(plain));
      } catch (e) {
        throw new PitayaError(ErrorCode.HANDSHAKE_FAILED, 'invalid handshake response: ' + e.message);
      }
    });
  }

  /** JSON payload encoding: binary input passes through raw, undefined becomes {}. */
  function encodePayload(value) {
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return toBytes(value);
    return utf8Encode(JSON.stringify(value === undefined ? {} : value));
  }

  /**
   * JSON payload decoding. An empty payload yields null; a payload that is not JSON (a handler that
   * returned raw bytes) yields its UTF-8 text.
   */
  function decodePayload(bytes) {
    if (!bytes || bytes.length === 0) return null;
    var text = utf8Decode(bytes);
    try {
      return JSON.parse(text);
    } catch (e) {
      return text;
    }
  }

  function errorFromPayload(bytes, route) {
    var p = decodePayload(bytes);
    if (p && typeof p === 'object' && !Array.isArray(p)) {
      return new PitayaError(p.code != null ? String(p.code) : ErrorCode.UNKNOWN, p.msg || '', p.metadata || {},
        { route: route });
    }
    return new PitayaError(ErrorCode.UNKNOWN, p == null ? '' : String(p), {}, { route: route });
  }

  // ------------------------------------------------------------------------------------------------
  // Client

  var DEFAULT_SYS = Object.freeze({
    platform: 'js',
    libVersion: VERSION,
    clientBuildNumber: '1',
    clientVersion: '0.1'
  });

  var OPEN = 1;

  function callAll(set, args, onError) {
    if (!set) return;
    Array.from(set).forEach(function (fn) {
      try {
        fn.apply(null, args);
      } catch (e) {
        onError(e);
      }
    });
  }

  function receivedBytes(data) {
    if (typeof data === 'string') return Promise.reject(protocolError('unexpected text WebSocket message'));
    if (data && typeof data.arrayBuffer === 'function' && !(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data)) {
      return data.arrayBuffer().then(toBytes); // Blob (binaryType not honoured)
    }
    try {
      return Promise.resolve(toBytes(data));
    } catch (e) {
      return Promise.reject(protocolError(e.message));
    }
  }

  /**
   * Pitaya client over a binary WebSocket.
   *
   *   const client = new Pitaya.Client({ url: 'ws://localhost:8080/', user: { name: 'ann' } });
   *   const handshake = await client.connect();
   *   client.on('onMessage', (msg) => console.log(msg));
   *   const res = await client.request('room.join', {});
   *   client.notify('room.message', { name: 'ann', content: 'hi' });
   *
   * Options: url (required), user (handshake user object), sys (overrides of the handshake sys fields),
   * requestTimeoutMs (default 10000), connectTimeoutMs (default requestTimeoutMs), heartbeatTimeoutFactor
   * (default 3: close when the server is silent for 3 heartbeat intervals), compressRoutes (default true:
   * routes found in the server's sys.dict are sent as 2-byte codes), WebSocket (constructor with the browser
   * WebSocket API, default globalThis.WebSocket).
   */
  class Client {
    constructor(options) {
      var o = options || {};
      if (!o.url) throw new TypeError('Pitaya.Client: option "url" is required');
      this.url = o.url;
      this.user = o.user || {};
      this.sys = Object.assign({}, DEFAULT_SYS, o.sys || {});
      this.requestTimeoutMs = o.requestTimeoutMs != null ? o.requestTimeoutMs : 10000;
      this.connectTimeoutMs = o.connectTimeoutMs != null ? o.connectTimeoutMs : this.requestTimeoutMs;
      this.heartbeatTimeoutFactor = o.heartbeatTimeoutFactor != null ? o.heartbeatTimeoutFactor : 3;
      this.compressRoutes = o.compressRoutes !== false;
      this._WebSocket = o.WebSocket || (typeof globalThis !== 'undefined' ? globalThis.WebSocket : undefined);

      this._state = 'idle';
      this._ws = null;
      this._handshake = null;
      this._dict = {};
      this._codes = new Map();
      this._heartbeatMs = 0;
      this._nextId = 1;
      this._pending = new Map();
      this._rx = Promise.resolve();
      this._timers = { connect: null, heartbeat: null, watchdog: null };
      this._lastRx = 0;
      this._connecting = null;

      this._pushListeners = new Map();
      this._kickListeners = new Set();
      this._closeListeners = new Set();
      this._errorListeners = new Set();
    }

    /** 'idle' | 'connecting' | 'handshaking' | 'connected' | 'closed' */
    get state() {
      return this._state;
    }

    get connected() {
      return this._state === 'connected';
    }

    /** The server's handshake response ({code, sys:{heartbeat, dict, serializer}}) of the current connection. */
    get handshake() {
      return this._handshake;
    }

    /** Route dictionary announced by the server (route → code). */
    get dict() {
      return Object.assign({}, this._dict);
    }

    /**
     * Opens the WebSocket, performs handshake + ack and starts heartbeats.
     * @returns {Promise<object>} the handshake response
     */
    connect() {
      if (this._connecting) return this._connecting.promise;
      if (this._state === 'connected') return Promise.resolve(this._handshake);
      var WS = this._WebSocket;
      if (typeof WS !== 'function') {
        return Promise.reject(new TypeError('Pitaya.Client: no WebSocket implementation available'));
      }
      var self = this;
      var waiter = {};
      waiter.promise = new Promise(function (resolve, reject) {
        waiter.resolve = resolve;
        waiter.reject = reject;
      });
      this._connecting = waiter;
      this._state = 'connecting';
      this._handshake = null;
      this._dict = {};
      this._codes = new Map();
      this._rx = Promise.resolve();
      this._nextId = 1; // message ids start at 1 on every connection (id 0 is never answered)

      var ws;
      try {
        ws = new WS(this.url);
      } catch (e) {
        this._connecting = null;
        this._state = 'closed';
        return Promise.reject(e);
      }
      this._ws = ws;
      try {
        ws.binaryType = 'arraybuffer';
      } catch (e) { /* fake sockets may not support it */ }

      this._timers.connect = setTimeout(function () {
        self._teardown(ws, { code: 1000, reason: 'connect timeout' },
          new PitayaError(ErrorCode.TIMEOUT, 'connect timeout after ' + self.connectTimeoutMs + ' ms'));
      }, this.connectTimeoutMs);

      ws.onopen = function () {
        if (ws !== self._ws) return;
        self._state = 'handshaking';
        self._lastRx = Date.now();
        self._send(encodeHandshake(self.sys, self.user));
      };
      ws.onmessage = function (ev) {
        if (ws !== self._ws) return;
        self._lastRx = Date.now(); // any traffic proves the server alive, even while earlier messages inflate
        var data = ev && ev.data !== undefined ? ev.data : ev;
        self._enqueue(ws, function () {
          return receivedBytes(data).then(function (bytes) {
            return self._onData(ws, bytes);
          });
        });
      };
      ws.onerror = function (ev) {
        if (ws !== self._ws) return;
        self._emitError(new PitayaError(ErrorCode.CONNECTION_CLOSED,
          'WebSocket error' + (ev && ev.message ? ': ' + ev.message : '')));
      };
      ws.onclose = function (ev) {
        if (ws !== self._ws) return;
        var code = ev && ev.code != null ? ev.code : 1006;
        var info = { code: code, reason: (ev && ev.reason) || 'code ' + code, wasClean: !!(ev && ev.wasClean) };
        // Queue behind the messages already received so they are delivered first.
        self._enqueue(ws, function () {
          self._teardown(ws, info);
        });
      };
      return waiter.promise;
    }

    /**
     * Sends a request and resolves with the decoded JSON response (raw text if the payload is not JSON,
     * a Uint8Array if options.raw). Rejects with a PitayaError (code/msg/metadata) on an error response,
     * code 'PIT-504' on timeout.
     */
    request(route, message, options) {
      var self = this;
      var opts = options || {};
      return new Promise(function (resolve, reject) {
        if (self._state !== 'connected') {
          reject(new PitayaError(ErrorCode.NOT_CONNECTED, 'not connected', {}, { route: route }));
          return;
        }
        var id = self._allocId();
        var bytes;
        try {
          bytes = encodePacket(PacketType.DATA, encodeMessage({
            type: MessageType.REQUEST, id: id, route: route, body: encodePayload(message)
          }, self.compressRoutes ? self._dict : null));
        } catch (e) {
          reject(e);
          return;
        }
        var timeoutMs = opts.timeoutMs != null ? opts.timeoutMs : self.requestTimeoutMs;
        var entry = { resolve: resolve, reject: reject, route: route, raw: !!opts.raw, timer: null };
        if (timeoutMs > 0) {
          entry.timer = setTimeout(function () {
            if (self._pending.get(id) !== entry) return;
            self._pending.delete(id);
            reject(new PitayaError(ErrorCode.TIMEOUT, 'request timeout: ' + route + ' (' + timeoutMs + ' ms)',
              {}, { route: route, id: id }));
          }, timeoutMs);
        }
        self._pending.set(id, entry);
        self._send(bytes);
      });
    }

    /** Sends a notify (no response). Throws if not connected. */
    notify(route, message) {
      if (this._state !== 'connected') throw new PitayaError(ErrorCode.NOT_CONNECTED, 'not connected', {}, { route: route });
      this._send(encodePacket(PacketType.DATA, encodeMessage({
        type: MessageType.NOTIFY, route: route, body: encodePayload(message)
      }, this.compressRoutes ? this._dict : null)));
    }

    /**
     * Registers a push listener fn(body, route) for a push route ('*' receives every push).
     * @returns {function} unsubscribe
     */
    on(route, fn) {
      var set = this._pushListeners.get(route);
      if (!set) {
        set = new Set();
        this._pushListeners.set(route, set);
      }
      set.add(fn);
      var self = this;
      return function () {
        self.off(route, fn);
      };
    }

    off(route, fn) {
      var set = this._pushListeners.get(route);
      if (set) {
        set.delete(fn);
        if (set.size === 0) this._pushListeners.delete(route);
      }
    }

    /** fn(body) when the server kicks this client (body is null for Pitaya's empty kick). */
    onKick(fn) {
      return addListener(this._kickListeners, fn);
    }

    /** fn({code, reason, wasClean, kicked, error}) once per connection when it ends, whoever closed it. */
    onClose(fn) {
      return addListener(this._closeListeners, fn);
    }

    /** fn(error) for protocol errors, listener exceptions and WebSocket errors. */
    onError(fn) {
      return addListener(this._errorListeners, fn);
    }

    /** Closes the connection; pending requests reject with CONNECTION_CLOSED. */
    close() {
      if (this._ws) this._teardown(this._ws, { code: 1000, reason: 'client closed', wasClean: true });
    }

    // --- internals -------------------------------------------------------------------------------

    _allocId() {
      var id = this._nextId;
      this._nextId = id >= 0xffffffff ? 1 : id + 1;
      return id;
    }

    _send(bytes) {
      var ws = this._ws;
      if (!ws || ws.readyState !== OPEN) return false;
      ws.send(bytes);
      return true;
    }

    _enqueue(ws, task) {
      var self = this;
      this._rx = this._rx.then(function () {
        if (ws !== self._ws) return undefined;
        return task();
      }).catch(function (err) {
        if (ws !== self._ws) return;
        self._emitError(err);
        self._teardown(ws, { code: 1000, reason: 'protocol error: ' + (err && err.message ? err.message : err) }, err);
      });
    }

    _emitError(err) {
      if (this._errorListeners.size === 0) {
        if (typeof console !== 'undefined' && console.error) console.error('[pitaya]', err);
        return;
      }
      callAll(this._errorListeners, [err], function (e) {
        if (typeof console !== 'undefined' && console.error) console.error('[pitaya] error listener failed', e);
      });
    }

    _onData(ws, bytes) {
      var self = this;
      var packets = decodePackets(bytes);
      var i = 0;
      function next() {
        if (i >= packets.length || ws !== self._ws) return undefined;
        var p = packets[i++];
        self._lastRx = Date.now();
        var r = self._onPacket(ws, p);
        return r && typeof r.then === 'function' ? r.then(next) : next();
      }
      return next();
    }

    _onPacket(ws, packet) {
      switch (packet.type) {
        case PacketType.HANDSHAKE:
          return this._onHandshake(ws, packet.body);
        case PacketType.HEARTBEAT:
        case PacketType.HANDSHAKE_ACK:
          return undefined;
        case PacketType.DATA:
          if (this._state !== 'connected') return undefined; // like other clients: no data before the handshake
          return this._onMessage(decodeMessage(packet.body, this._codes));
        case PacketType.KICK:
          return this._onKick(ws, packet.body);
        default:
          throw protocolError('wrong packet type: ' + packet.type);
      }
    }

    _onHandshake(ws, body) {
      var self = this;
      if (this._state !== 'handshaking') return undefined;
      return decodeHandshake(body).then(function (res) {
        if (ws !== self._ws || self._state !== 'handshaking') return;
        if (!res || res.code !== 200) {
          var code = res && res.code;
          self._teardown(ws, { code: 1000, reason: 'handshake failed: code ' + code },
            new PitayaError(ErrorCode.HANDSHAKE_FAILED, 'handshake failed with code ' + code, {}, { response: res }));
          return;
        }
        var sys = res.sys || {};
        self._dict = {};
        self._codes = new Map();
        var dict = sys.dict || {};
        Object.keys(dict).forEach(function (route) {
          var code = dict[route];
          if (typeof code === 'number') {
            self._dict[route] = code;
            self._codes.set(code, route);
          }
        });
        self._handshake = res;
        self._send(encodePacket(PacketType.HANDSHAKE_ACK));
        self._state = 'connected';
        clearTimeout(self._timers.connect);
        self._timers.connect = null;
        self._startHeartbeat(ws, Number(sys.heartbeat) || 0);
        var waiter = self._connecting;
        self._connecting = null;
        if (waiter) waiter.resolve(res);
      });
    }

    _startHeartbeat(ws, seconds) {
      var self = this;
      this._heartbeatMs = seconds > 0 ? seconds * 1000 : 0;
      if (!this._heartbeatMs) return;
      this._lastRx = Date.now();
      this._timers.heartbeat = unref(setInterval(function () {
        self._send(encodePacket(PacketType.HEARTBEAT));
      }, this._heartbeatMs));
      var limit = this._heartbeatMs * this.heartbeatTimeoutFactor;
      var check = function () {
        if (ws !== self._ws) return;
        var silent = Date.now() - self._lastRx;
        if (silent >= limit) {
          self._teardown(ws, { code: 1000, reason: 'heartbeat timeout' },
            new PitayaError(ErrorCode.TIMEOUT, 'heartbeat timeout: server silent for ' + silent + ' ms'));
        } else {
          self._timers.watchdog = unref(setTimeout(check, limit - silent));
        }
      };
      this._timers.watchdog = unref(setTimeout(check, limit));
    }

    _onMessage(m) {
      var self = this;
      if (m.type !== MessageType.RESPONSE && m.type !== MessageType.PUSH) return undefined; // not for clients
      if (m.compressed) {
        return inflate(m.body).then(function (plain) {
          m.body = plain;
          m.compressed = false;
          self._deliver(m);
        });
      }
      this._deliver(m);
      return undefined;
    }

    _deliver(m) {
      var self = this;
      if (m.type === MessageType.RESPONSE) {
        var entry = this._pending.get(m.id);
        if (!entry) return; // late response (timed out) or unknown id
        this._pending.delete(m.id);
        clearTimeout(entry.timer);
        if (m.error) entry.reject(errorFromPayload(m.body, entry.route));
        else entry.resolve(entry.raw ? m.body.slice() : decodePayload(m.body));
        return;
      }
      var body = decodePayload(m.body);
      var onErr = function (e) {
        self._emitError(e);
      };
      callAll(this._pushListeners.get(m.route), [body, m.route], onErr);
      callAll(this._pushListeners.get('*'), [body, m.route], onErr);
    }

    _onKick(ws, body) {
      var self = this;
      var payload = decodePayload(body);
      callAll(this._kickListeners, [payload], function (e) {
        self._emitError(e);
      });
      this._teardown(ws, { code: 1000, reason: 'kicked by server', kicked: true });
    }

    _teardown(ws, info, error) {
      if (ws !== this._ws) return;
      this._ws = null;
      this._state = 'closed';
      clearTimeout(this._timers.connect);
      clearInterval(this._timers.heartbeat);
      clearTimeout(this._timers.watchdog);
      this._timers = { connect: null, heartbeat: null, watchdog: null };
      ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
      try {
        if (ws.readyState === 0 || ws.readyState === OPEN) ws.close(1000, closeReason(info.reason));
      } catch (e) { /* already closing */ }

      var closeError = error || new PitayaError(ErrorCode.CONNECTION_CLOSED, 'connection closed: ' + info.reason);
      var waiter = this._connecting;
      this._connecting = null;
      if (waiter) waiter.reject(closeError);
      var pending = Array.from(this._pending.values());
      this._pending.clear();
      pending.forEach(function (entry) {
        clearTimeout(entry.timer);
        entry.reject(new PitayaError(ErrorCode.CONNECTION_CLOSED, 'connection closed before response: ' + info.reason,
          {}, { route: entry.route }));
      });
      var event = {
        code: info.code != null ? info.code : 1000,
        reason: info.reason || '',
        wasClean: info.wasClean != null ? info.wasClean : !error,
        kicked: !!info.kicked,
        error: error || null
      };
      var self = this;
      callAll(this._closeListeners, [event], function (e) {
        self._emitError(e);
      });
    }
  }

  /** In Node, heartbeat timers alone must not keep the process alive (the socket does). No-op in browsers. */
  function unref(timer) {
    if (timer && typeof timer.unref === 'function') timer.unref();
    return timer;
  }

  /** A WebSocket close reason must not exceed 123 UTF-8 bytes. */
  function closeReason(reason) {
    var r = String(reason || '');
    while (utf8Encode(r).length > 123) r = r.slice(0, -1);
    return r;
  }

  function addListener(set, fn) {
    set.add(fn);
    return function () {
      set.delete(fn);
    };
  }

  return {
    VERSION: VERSION,
    ErrorCode: ErrorCode,
    PitayaError: PitayaError,
    PacketType: PacketType,
    MessageType: MessageType,
    Packet: {
      HEADER_LENGTH: HEADER_LENGTH,
      MAX_BODY_LENGTH: MAX_BODY_LENGTH,
      encode: encodePacket,
      decode: decodePackets,
      Reader: PacketReader
    },
    Message: {
      encode: encodeMessage,
      decode: decodeMessage,
      encodeId: encodeVarint,
      decodeId: decodeVarint
    },
    Handshake: {
      DEFAULT_SYS: DEFAULT_SYS,
      encode: encodeHandshake,
      decode: decodeHandshake
    },
    Payload: {
      encode: encodePayload,
      decode: decodePayload
    },
    inflate: inflate,
    isZlib: isZlib,
    utf8: { encode: utf8Encode, decode: utf8Decode },
    hex: { encode: hex, decode: fromHex },
    Client: Client
  };
}));
