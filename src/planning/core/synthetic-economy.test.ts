import { describe, expect, it } from 'vitest';
import { blockTriangularForm } from './block-triangular-form.js';
import { csrColumnSums } from './csr-matrix.js';
import { productivityCheck } from './productivity-check.js';
import { syntheticEconomy } from './synthetic-economy.js';

describe('syntheticEconomy', () => {
  const e = syntheticEconomy({ products: 3000, seed: 11 });

  it('is reproducible from its seed and differs between seeds', () => {
    const again = syntheticEconomy({ products: 3000, seed: 11 });
    expect(again.a.values).toEqual(e.a.values);
    expect(again.demand).toEqual(e.demand);
    expect(syntheticEconomy({ products: 3000, seed: 12 }).a.values).not.toEqual(e.a.values);
  });

  it('has column sums in [0.2, 0.6] and about log2(n) + 5 entries per column', () => {
    const sums = csrColumnSums(e.a);
    for (const s of sums) {
      expect(s).toBeGreaterThanOrEqual(0.2 - 1e-6);
      expect(s).toBeLessThanOrEqual(0.6 + 1e-6);
    }
    const perColumn = e.a.rowPtr[3000]! / 3000;
    const k = Math.round(Math.log2(3000)) + 5;
    expect(perColumn).toBeGreaterThan(k - 1.5);
    expect(perColumn).toBeLessThan(k + 1.5);
    expect(productivityCheck(e.a).status).toBe('productive');
  });

  it('has heavy-tailed sectors forming a block triangular structure', () => {
    const sizes = Array.from(e.sectorSizes).sort((p, q) => q - p);
    const median = sizes[Math.floor(sizes.length / 2)]!;
    expect(sizes[0]!).toBeGreaterThan(10 * median);
    // entries only go to the own sector or upstream (lower-numbered) sectors
    for (let i = 0; i < 3000; i++) {
      for (let k = e.a.rowPtr[i]!; k < e.a.rowPtr[i + 1]!; k++) {
        expect(e.sectorOf[i]!).toBeLessThanOrEqual(e.sectorOf[e.a.colIdx[k]!]!);
      }
    }
    expect(blockTriangularForm(e.a).count).toBeGreaterThan(1);
  });

  it('gives non-negative demand, labour and capacities, a few below the unconstrained plan', () => {
    expect(e.demand.every((v) => v >= 0 && Number.isInteger(v))).toBe(true);
    expect(e.labour.every((v) => v >= 0.05 && v <= 2)).toBe(true);
    expect(e.capacity.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
  });

  it('merges the sectors into few blocks with feedback, and stays productive', () => {
    const fed = syntheticEconomy({ products: 3000, seed: 11, feedbackShare: 0.1 });
    const btf = blockTriangularForm(fed.a);
    let largest = 0;
    for (let b = 0; b < btf.count; b++)
      largest = Math.max(largest, btf.blockStart[b + 1]! - btf.blockStart[b]!);
    expect(largest).toBeGreaterThan(2000);
    expect(productivityCheck(fed.a).status).toBe('productive');
  });

  it('honours nnzPerColumn and tiny sizes', () => {
    const one = syntheticEconomy({ products: 1, seed: 1 });
    expect(one.a.rows).toBe(1);
    const dense = syntheticEconomy({ products: 50, seed: 2, nnzPerColumn: 3 });
    expect(dense.a.rowPtr[50]! / 50).toBeLessThan(4);
  });
});
