/**
 * Deterministic elementary functions for the tracer's hot path.
 *
 * ECMAScript leaves `Math.sin`, `Math.exp`, `Math.pow` and friends "implementation-approximated",
 * and V8 has changed them between releases, so two machines could render different pixels. These
 * functions use only IEEE-754 double `+ − × ÷`, `Math.sqrt` (correctly rounded on every engine we
 * know of), `Math.floor`/`Math.abs`, exact bit manipulation through a `DataView`, and literal
 * constants. JavaScript never fuses a multiply and an add, so each expression rounds the same way
 * everywhere. The algorithms are the classic fdlibm ones (Cody–Waite range reduction + minimax
 * polynomials), without their extra-precision tail terms: a few ulps, not correctly rounded.
 *
 * Domain notes: `sin`/`cos`/`tan` reduce with a 33 + 33-bit split of π/2, accurate for
 * |x| < 2^20·π/2 (far beyond any angle the tracer forms); larger inputs stay deterministic but lose
 * accuracy. `pow(x, y)` is `exp(y·log x)` for x > 0 (relative error grows with |y·log x|).
 */

const scratch = new DataView(new ArrayBuffer(8));

/** π/2 split in two: the high part has 33 significant bits, so `n · PIO2_HI` is exact for n < 2^20. */
const PIO2_HI = 1.5707963267341256;
const PIO2_LO = 6.077100506506192e-11;
const INV_PIO2 = 6.366197723675814e-1;
const PI = 3.141592653589793;
const PI_2 = 1.5707963267948966;

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;

/** sin on [−π/4, π/4] (fdlibm __kernel_sin). */
function kernelSin(x: number): number {
  const z = x * x;
  const r =
    8.33333333332248946124e-3 +
    z *
      (-1.98412698298579493134e-4 +
        z * (2.75573137070700676789e-6 + z * (-2.50507602534068634195e-8 + z * 1.58969099521155010221e-10)));
  return x + z * x * (-1.66666666666666324348e-1 + z * r);
}

/** cos on [−π/4, π/4] (fdlibm __kernel_cos). */
function kernelCos(x: number): number {
  const z = x * x;
  const r =
    z *
    (4.16666666666666019037e-2 +
      z *
        (-1.38888888888741095749e-3 +
          z *
            (2.48015872894767294178e-5 +
              z * (-2.75573143513906633035e-7 + z * (2.0875723212981748279e-9 + z * -1.13596475577881948265e-11)))));
  const hz = 0.5 * z;
  const w = 1 - hz;
  return w + (1 - w - hz + z * r);
}

/** The remainder of the last `reduce` call (a module slot, so the hot path allocates nothing). */
let reduced = 0;

/** Returns the quadrant q of x (x ≈ n·π/2 + r, q = n mod 4, |r| ≲ π/4) and leaves r in `reduced`. */
function reduce(x: number): number {
  const n = Math.floor(x * INV_PIO2 + 0.5);
  reduced = x - n * PIO2_HI - n * PIO2_LO;
  return ((n % 4) + 4) % 4;
}

/** Deterministic sine. */
export function sin(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) <= 0.7853981633974483) return kernelSin(x);
  const quadrant = reduce(x);
  const r = reduced;
  switch (quadrant) {
    case 0:
      return kernelSin(r);
    case 1:
      return kernelCos(r);
    case 2:
      return -kernelSin(r);
    default:
      return -kernelCos(r);
  }
}

/** Deterministic cosine. */
export function cos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) <= 0.7853981633974483) return kernelCos(x);
  const quadrant = reduce(x);
  const r = reduced;
  switch (quadrant) {
    case 0:
      return kernelCos(r);
    case 1:
      return -kernelSin(r);
    case 2:
      return -kernelCos(r);
    default:
      return kernelSin(r);
  }
}

/** Deterministic tangent (sin / cos of the same reduced argument). */
export function tan(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const quadrant = reduce(x);
  const r = reduced;
  const s = kernelSin(r);
  const c = kernelCos(r);
  return quadrant % 2 === 0 ? s / c : -c / s;
}

/** 2^k for an integer k, built from its bits. */
function pow2(k: number): number {
  if (k > 1023) return Infinity;
  if (k < -1022) return pow2(k + 1022) * pow2(-1022);
  scratch.setUint32(0, (k + 1023) << 20);
  scratch.setUint32(4, 0);
  return scratch.getFloat64(0);
}

/** Deterministic e^x (fdlibm e_exp). */
export function exp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.floor(x * INV_LN2 + 0.5);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c =
    r -
    t *
      (1.66666666666666019037e-1 +
        t *
          (-2.77777777770155933842e-3 +
            t * (6.61375632143793436117e-5 + t * (-1.6533902205465251539e-6 + t * 4.13813679705723846039e-8))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return k < -1021 ? y * pow2(k + 1000) * pow2(-1000) : y * pow2(k);
}

/** Deterministic natural logarithm (fdlibm e_log). */
export function log(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: bring a subnormal into the normal range
    k = -54;
  }
  scratch.setFloat64(0, x);
  let hx = scratch.getUint32(0);
  k += (hx >>> 20) - 1023;
  hx &= 0x000fffff;
  // Normalise the mantissa into [√2/2, √2).
  const i = (hx + 0x95f64) & 0x100000;
  scratch.setUint32(0, hx | (i ^ 0x3ff00000));
  k += i >>> 20;
  const f = scratch.getFloat64(0) - 1;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (3.999999999940941908e-1 + w * (2.222219843214978396e-1 + w * 1.531383769920937332e-1));
  const t2 =
    z *
    (6.66666666666673513e-1 +
      w * (2.857142874366239149e-1 + w * (1.818357216161805012e-1 + w * 1.479819860511658591e-1)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}

/** Deterministic x^y for x ≥ 0 (and for x < 0 with an integer y); `exp(y · log x)`. */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) return y > 0 ? 0 : Infinity;
  if (x < 0) {
    if (Math.floor(y) !== y) return NaN;
    const magnitude = exp(y * log(-x));
    return Math.abs(y % 2) === 1 ? -magnitude : magnitude;
  }
  return exp(y * log(x));
}

const ATAN_HI = [4.63647609000806093515e-1, 7.85398163397448278999e-1, 9.82793723247329054082e-1, 1.5707963267948966];
const ATAN_LO = [
  2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17, 6.123233995736766e-17,
];

/** Deterministic arctangent (fdlibm s_atan). */
export function atan(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const negative = x < 0;
  let ax = Math.abs(x);
  if (ax >= 7.378697629483821e19) return negative ? -PI_2 : PI_2; // 2^66
  let id = -1;
  if (ax < 0.4375) {
    if (ax < 7.450580596923828e-9) return x; // 2^-27: atan(x) = x to double precision
  } else if (ax < 1.1875) {
    if (ax < 0.6875) {
      id = 0;
      ax = (2 * ax - 1) / (2 + ax);
    } else {
      id = 1;
      ax = (ax - 1) / (ax + 1);
    }
  } else if (ax < 2.4375) {
    id = 2;
    ax = (ax - 1.5) / (1 + 1.5 * ax);
  } else {
    id = 3;
    ax = -1 / ax;
  }
  const z = ax * ax;
  const w = z * z;
  const s1 =
    z *
    (3.33333333333329318027e-1 +
      w *
        (1.42857142725034663711e-1 +
          w *
            (9.09088713343650656196e-2 +
              w * (6.66107313738753120669e-2 + w * (4.97687799461593236017e-2 + w * 1.62858201153657823623e-2)))));
  const s2 =
    w *
    (-1.99999999998764832476e-1 +
      w *
        (-1.1111110405462355788e-1 +
          w * (-7.69187620504482999495e-2 + w * (-5.83357013379057348645e-2 + w * -3.6531572744216915527e-2))));
  if (id < 0) {
    const result = ax - ax * (s1 + s2);
    return negative ? -result : result;
  }
  const result = (ATAN_HI[id] as number) - (ax * (s1 + s2) - (ATAN_LO[id] as number) - ax);
  return negative ? -result : result;
}

/** Deterministic atan2(y, x): the angle of (x, y) in (−π, π]. */
export function atan2(y: number, x: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) {
    if (y === 0) return 0;
    return y > 0 ? PI_2 : -PI_2;
  }
  const a = atan(Math.abs(y / x));
  if (x > 0) return y < 0 ? -a : a;
  return y < 0 ? -(PI - a) : PI - a;
}

/** Deterministic arccosine: `atan2(√((1 − x)(1 + x)), x)`; NaN outside [−1, 1]. */
export function acos(x: number): number {
  if (!(x >= -1 && x <= 1)) return NaN;
  return atan2(Math.sqrt((1 - x) * (1 + x)), x);
}
