/**
 * Bounded memory for the sandboxes' books: they run for days under `npm start`, so each keeps the most
 * recent entries only, like a real system archiving old documents. Map iteration follows insertion order,
 * so the oldest entries come first.
 */

/**
 * Deletes the oldest entries `canDrop` allows until `map` holds at most `max`. At most `scanLimit` entries
 * are looked at per call (work stays constant per insert); entries still in use are skipped, not dropped.
 */
export function trimOldest<K, V>(map: Map<K, V>, max: number, canDrop: (value: V) => boolean = () => true, scanLimit = 64): void {
    if (map.size <= max) return;
    let scanned = 0;
    for (const [key, value] of map) {
        if (map.size <= max || scanned++ >= scanLimit) return;
        if (canDrop(value)) map.delete(key);
    }
}
