import type { ShippedLine } from '../../../model/index.ts';

/**
 * Splits picked goods into parcels: whole lines round-robin when there are enough lines, otherwise
 * the quantity of the first line that has at least two units. Falls back to one parcel.
 */
export function splitIntoParcels(picked: ShippedLine[], parcels: number): ShippedLine[][] {
    const lines = picked.filter((l) => l.quantity > 0);
    if (parcels <= 1 || lines.length === 0) return lines.length ? [lines] : [];
    if (lines.length >= parcels) {
        const out: ShippedLine[][] = Array.from({ length: parcels }, () => []);
        lines.forEach((line, i) => out[i % parcels].push(line));
        return out;
    }
    const divisible = lines.findIndex((l) => l.quantity >= parcels);
    if (divisible < 0) return [lines];
    const line = lines[divisible];
    const share = Math.floor(line.quantity / parcels);
    const out: ShippedLine[][] = Array.from({ length: parcels }, (_, k) => [
        { ...line, quantity: k === parcels - 1 ? line.quantity - share * (parcels - 1) : share }
    ]);
    lines.forEach((other, i) => {
        if (i !== divisible) out[0].push(other);
    });
    return out;
}
