/**
 * Hand-assembled WebAssembly SIMD scan kernels (no build step, no binary file: the bytes are written
 * here). Plain JS cannot use SIMD, and a flat scan of 100k × 384 floats is bound by scalar
 * multiply-adds (~40 ms, DESIGN.md "Performance facts"); 128-bit lanes do 4 f32 or 8 i16 products per
 * instruction. Callers fall back to the JS kernels when WebAssembly SIMD is unavailable.
 *
 * Both exports scan `n` consecutive rows starting at byte `rows` and write one score per row at `out`:
 *   scan_f32(query, rows, n, rowBytes, out): f32 dot products (rowBytes % 64 == 0)
 *   scan_i8(query, rows, n, rowBytes, out):  i32 dots of int8 rows with an int16 query (rowBytes % 32 == 0)
 */

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b, void: 0x40,
  get: 0x20, set: 0x21, tee: 0x22, i32Const: 0x41, i32Eqz: 0x45, i32LtU: 0x49, i32Add: 0x6a, i32Sub: 0x6b,
  f32Add: 0x92, i32Store: 0x36, f32Store: 0x38,
} as const;
/** SIMD opcodes (after the 0xfd prefix), from the WebAssembly SIMD spec. */
const simd = {
  load: 0x00, const: 0x0c, i32x4Extract: 0x1b, f32x4Extract: 0x1f, extendLowS: 0x87, extendHighS: 0x88,
  i32x4Add: 0xae, dotI16: 0xba, f32x4Add: 0xe4, f32x4Mul: 0xe6,
} as const;

function uleb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** Signed LEB128 (i32.const immediates are signed: 64 must be 0xc0 0x00, not 0x40 = −64). */
function sleb(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

const v = (code: number, ...rest: number[]): number[] => [0xfd, ...uleb(code), ...rest];
const load = (offset: number): number[] => v(simd.load, 4, ...uleb(offset));
const zero = (): number[] => v(simd.const, ...new Array<number>(16).fill(0));
const get = (local: number): number[] => [op.get, local];
const set = (local: number): number[] => [op.set, local];
const addConst = (local: number, amount: number): number[] => [...get(local), op.i32Const, ...sleb(amount), op.i32Add];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (text: string): number[] => [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];

// Parameters: 0 query, 1 rows (row pointer, advances), 2 n, 3 rowBytes, 4 out. Locals: 5 end, 6 q, 7.. v128.
const [QUERY, ROW, N, ROW_BYTES, OUT, END, Q] = [0, 1, 2, 3, 4, 5, 6];

/** Outer loop shared by both kernels: per row, run `inner` from ROW to ROW + rowBytes, then `store`. */
function rowLoop(init: number[], inner: number[], store: number[]): number[] {
  return [
    op.block, op.void, op.loop, op.void,
    ...get(N), op.i32Eqz, op.brIf, 1,
    ...get(ROW), ...get(ROW_BYTES), op.i32Add, ...set(END),
    ...get(QUERY), ...set(Q),
    ...init,
    op.loop, op.void, ...inner, ...get(ROW), ...get(END), op.i32LtU, op.brIf, 0, op.end,
    ...get(OUT), ...store,
    ...addConst(OUT, 4), ...set(OUT),
    ...get(N), op.i32Const, 1, op.i32Sub, ...set(N),
    op.br, 0, op.end, op.end,
  ];
}

function scanF32Body(): number[] {
  const acc = [7, 8, 9, 10];
  const madd = (a: number, offset: number): number[] => [
    ...get(a), ...get(ROW), ...load(offset), ...get(Q), ...load(offset), ...v(simd.f32x4Mul), ...v(simd.f32x4Add), ...set(a),
  ];
  const inner = [...acc.flatMap((a, i) => madd(a, 16 * i)), ...addConst(Q, 64), ...set(Q), ...addConst(ROW, 64), ...set(ROW)];
  const lanes = (a: number): number[] => [
    ...get(a), ...v(simd.f32x4Extract, 0), ...get(a), ...v(simd.f32x4Extract, 1), op.f32Add,
    ...get(a), ...v(simd.f32x4Extract, 2), op.f32Add, ...get(a), ...v(simd.f32x4Extract, 3), op.f32Add,
  ];
  const store = [
    ...get(7), ...get(8), ...v(simd.f32x4Add), ...get(9), ...v(simd.f32x4Add), ...get(10), ...v(simd.f32x4Add), ...set(7),
    ...lanes(7), op.f32Store, 2, 0,
  ];
  return [...vec([[2, I32], [4, V128]]), ...rowLoop(acc.flatMap((a) => [...zero(), ...set(a)]), inner, store), op.end];
}

function scanI8Body(): number[] {
  // Locals 7, 8: accumulators of the low/high halves; 9: the 16 codes just loaded. Two chunks of 16
  // codes per iteration halve the loop overhead, which otherwise costs as many instructions as the dots.
  const half = (a: number, extend: number, offset: number): number[] => [
    ...get(a), ...get(9), ...v(extend), ...get(Q), ...load(offset), ...v(simd.dotI16), ...v(simd.i32x4Add), ...set(a),
  ];
  const chunk = (codeOffset: number): number[] => [
    ...get(ROW), ...load(codeOffset), ...set(9),
    ...half(7, simd.extendLowS, 2 * codeOffset), ...half(8, simd.extendHighS, 2 * codeOffset + 16),
  ];
  const inner = [...chunk(0), ...chunk(16), ...addConst(Q, 64), ...set(Q), ...addConst(ROW, 32), ...set(ROW)];
  const lane = (i: number): number[] => [...get(7), ...v(simd.i32x4Extract, i)];
  const store = [
    ...get(7), ...get(8), ...v(simd.i32x4Add), ...set(7),
    ...lane(0), ...lane(1), op.i32Add, ...lane(2), op.i32Add, ...lane(3), op.i32Add, op.i32Store, 2, 0,
  ];
  return [...vec([[2, I32], [3, V128]]), ...rowLoop([...zero(), ...set(7), ...zero(), ...set(8)], inner, store), op.end];
}

/** The module bytes: imports env.memory, exports scan_f32 and scan_i8. */
export function scanModuleBytes(): Uint8Array<ArrayBuffer> {
  const bodies = [scanF32Body(), scanI8Body()];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0], [0]])),
    ...section(7, vec([[...name('scan_f32'), 0x00, 0], [...name('scan_i8'), 0x00, 1]])),
    ...section(10, vec(bodies.map((body) => [...uleb(body.length), ...body]))),
  ]);
}

/** The two kernels bound to one memory. */
export interface ScanKernels {
  memory: WebAssembly.Memory;
  scanF32(query: number, rows: number, n: number, rowBytes: number, out: number): void;
  scanI8(query: number, rows: number, n: number, rowBytes: number, out: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** Instantiates the kernels over a fresh memory, or returns null where WebAssembly SIMD is missing. */
export function instantiateScanKernels(): ScanKernels | null {
  if (compiled === undefined) {
    try {
      const bytes = scanModuleBytes();
      compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  if (compiled === null) return null;
  const memory = new WebAssembly.Memory({ initial: 1 });
  const exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports;
  const scanF32 = exports.scan_f32;
  const scanI8 = exports.scan_i8;
  if (typeof scanF32 !== 'function' || typeof scanI8 !== 'function') return null;
  return {
    memory,
    scanF32: scanF32 as ScanKernels['scanF32'],
    scanI8: scanI8 as ScanKernels['scanI8'],
  };
}
