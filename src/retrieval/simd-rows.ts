import { instantiateScanKernels, type ScanKernels } from './wasm-kernels';

const PAGE = 65536;
const ALIGN = 64;

/**
 * A growable block of fixed-size rows in WebAssembly memory, scanned by the SIMD kernels.
 * Layout: [query | rows (capacity × rowBytes) | scores (capacity × 4)]. Rows never move when the
 * capacity grows (the memory only grows at its end), but every typed-array view over the old buffer is
 * detached by a grow, so owners re-read {@link buffer} after {@link ensure}.
 */
export class SimdRows {
  readonly rowBytes: number;
  readonly rowsOffset: number;
  private capacity = 0;
  private readonly kernels: ScanKernels;

  private constructor(kernels: ScanKernels, rowBytes: number, queryBytes: number) {
    this.kernels = kernels;
    this.rowBytes = rowBytes;
    this.rowsOffset = Math.ceil(queryBytes / ALIGN) * ALIGN;
  }

  /** A row block, or null when SIMD is unavailable or rows are not a multiple of `multiple` bytes. */
  static create(rowBytes: number, queryBytes: number, multiple: number): SimdRows | null {
    if (rowBytes % multiple !== 0) return null;
    const kernels = instantiateScanKernels();
    return kernels ? new SimdRows(kernels, rowBytes, queryBytes) : null;
  }

  get buffer(): ArrayBuffer {
    return this.kernels.memory.buffer;
  }

  get rowCapacity(): number {
    return this.capacity;
  }

  private get outOffset(): number {
    return this.rowsOffset + this.capacity * this.rowBytes;
  }

  /** Makes room for `rows` rows (doubling), keeping existing rows in place. */
  ensure(rows: number): void {
    if (rows <= this.capacity) return;
    const capacity = Math.max(rows, this.capacity * 2, 16);
    const needed = this.rowsOffset + capacity * (this.rowBytes + 4);
    const have = this.kernels.memory.buffer.byteLength;
    if (needed > have) this.kernels.memory.grow(Math.ceil((needed - have) / PAGE));
    this.capacity = capacity;
  }

  /** f32 dot of the query (already written at offset 0) with rows 0..n-1; returns a scores view. */
  scanF32(n: number): Float32Array {
    this.kernels.scanF32(0, this.rowsOffset, n, this.rowBytes, this.outOffset);
    return new Float32Array(this.buffer, this.outOffset, n);
  }

  /** i32 dot of the int16 query (at offset 0) with int8 rows 0..n-1; returns a sums view. */
  scanI8(n: number): Int32Array {
    this.kernels.scanI8(0, this.rowsOffset, n, this.rowBytes, this.outOffset);
    return new Int32Array(this.buffer, this.outOffset, n);
  }
}
