// Kubernetes resource quantities ("100m", "128Mi", "1.5", "2e3"), parsed just far enough to
// validate them and to compare a request with a limit. Pure, no dependency.
//
// The grammar is the API server's (k8s.io/apimachinery resource.Quantity):
//   <quantity> ::= <signedNumber><suffix>
//   <suffix>   ::= <binarySI> | <decimalExponent> | <decimalSI>
//   binarySI   ::= Ki | Mi | Gi | Ti | Pi | Ei
//   decimalSI  ::= n | u | m | "" | k | M | G | T | P | E
//   decimalExponent ::= e<signedNumber> | E<signedNumber>

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|n|u|m|k|M|G|T|P|E)?$/;

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/**
 * The value of a Kubernetes quantity in base units (cores for CPU, bytes for memory), or
 * undefined when the text is not a quantity. `"500m"` is 0.5, `"128Mi"` is 134217728,
 * `"1e3"` is 1000. Precise enough to compare two quantities; not meant for arithmetic.
 */
export function parseQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, digits, suffix] = m;
  let value = Number(digits);
  if (suffix === undefined) {
    // plain number
  } else if (suffix in BINARY) {
    value *= BINARY[suffix];
  } else if (suffix in DECIMAL) {
    value *= DECIMAL[suffix];
  } else {
    value *= 10 ** Number(suffix.slice(1));
  }
  if (!Number.isFinite(value)) return undefined;
  return sign === "-" ? -value : value;
}

/** Whether a text is a Kubernetes quantity (any sign). */
export function isQuantity(text: string): boolean {
  return parseQuantity(text) !== undefined;
}
