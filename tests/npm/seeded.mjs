// Seeded random draws for the consumer tests (xorshift32): the same seed gives the same calls.
export function seeded(seed) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 2 ** 32;
  };
  return {
    random,
    pick: (items) => items[Math.floor(random() * items.length)],
    maybe: (value) => (random() < 0.5 ? value : undefined),
  };
}
