/**
 * Deterministic "random" decisions for the sandboxes: a number in [0, 1) derived from a seed and a
 * key (order ID + purpose), so an order's fate does not depend on how concurrent work interleaves,
 * and the same seed replays the same run.
 */
import { createHash } from 'node:crypto';

export function seededChance(seed: number, ...key: (string | number)[]): number {
    const digest = createHash('sha256').update(`${seed}\u0000${key.join('\u0000')}`).digest();
    return digest.readUInt32BE(0) / 0x1_0000_0000;
}

/** A whole number in [min, max] from the same kind of decision. */
export function seededInt(seed: number, min: number, max: number, ...key: (string | number)[]): number {
    return min + Math.floor(seededChance(seed, ...key) * (max - min + 1));
}
