/** A SIREN no one else uses: 8 digits from the counter, then the Luhn check digit. */
export function siren(n) {
  const body = String(100_000_000 + n).slice(1);
  const sum = [...body].reverse().reduce((acc, d, i) => {
    const doubled = i % 2 === 0 ? Number(d) * 2 : Number(d);
    return acc + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}
