/**
 * The full travel-cost matrix of points in the plane under the CVRPLIB / TSPLIB EUC_2D convention:
 * each entry is the Euclidean distance rounded to the nearest integer (`nint`). Row-major,
 * `matrix[i * n + j]`, symmetric, zero diagonal.
 *
 * @param xy interleaved coordinates `[x0, y0, x1, y1, …]`, length 2n.
 * @example roundedEuclideanMatrix(new Float64Array([0, 0, 3, 4]))[1] // 5
 */
export function roundedEuclideanMatrix(xy: Float64Array): Float64Array {
  const n = xy.length >> 1;
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const xi = xy[2 * i]!;
    const yi = xy[2 * i + 1]!;
    for (let j = i + 1; j < n; j++) {
      const dx = xi - xy[2 * j]!;
      const dy = yi - xy[2 * j + 1]!;
      // TSPLIB nint: floor(x + 0.5)
      const d = Math.floor(Math.sqrt(dx * dx + dy * dy) + 0.5);
      matrix[i * n + j] = d;
      matrix[j * n + i] = d;
    }
  }
  return matrix;
}
