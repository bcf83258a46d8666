import { describe, expect, it } from 'vitest';
import {
  BENEFIT_ITEMS,
  DEFAULT_BENEFIT_INPUT,
  benefitInputSchema,
  calculateBenefits,
  type BenefitInput,
  type BenefitItem,
} from './benefits';

const result = calculateBenefits(DEFAULT_BENEFIT_INPUT, { startYear: 2025, endYear: 2028 });
const item = (name: BenefitItem) => result.items.find((i) => i.item === name)!;
const withInput = (change: (input: BenefitInput) => void): BenefitInput => {
  const input = structuredClone(DEFAULT_BENEFIT_INPUT);
  change(input);
  return input;
};

describe('calculateBenefits with the seed example 1', () => {
  it('saves about 1.3 million kr, about 205 kr per inhabitant, when 80% of inquiries go digital', () => {
    // (11,000 × (80 − 3) + 22,000 × (40 − 3)) × 80%
    expect(item('inquiries').annual).toBeCloseTo(1_328_800, 6);
    expect(Math.round(item('inquiries').annual / 100_000) / 10).toBe(1.3);
    expect(Math.abs(item('inquiries').perInhabitant - 205)).toBeLessThan(1);
  });

  it('breaks the inquiry saving down by channel', () => {
    expect(result.inquiryChannels).toEqual([
      { channel: 'personal', inquiries: 11_000, moved: 8_800, savingPerInquiry: 77, annual: 677_600 },
      { channel: 'phone', inquiries: 22_000, moved: 17_600, savingPerInquiry: 37, annual: 651_200 },
      { channel: 'letter', inquiries: 0, moved: 0, savingPerInquiry: 107, annual: 0 },
    ]);
  });

  it('saves about 130,000 kr, 20 kr per inhabitant, with electronic supplier invoices', () => {
    expect(item('supplierInvoices').annual).toBeCloseTo(130_000, 6);
    expect(Math.round(item('supplierInvoices').perInhabitant)).toBe(20);
  });

  it('saves about 325,000 kr, 50 kr per inhabitant, by sending 80% of letters digitally', () => {
    expect(item('outgoingLetters').annual).toBeCloseTo(325_000, 6);
    expect(Math.round(item('outgoingLetters').perInhabitant)).toBe(50);
  });

  it('saves about 190,000 kr, about 30 kr per inhabitant, by receiving 50% of letters digitally', () => {
    expect(item('incomingLetters').annual).toBeCloseTo(190_000, 6);
    // 190,000 / 6,500 = 29.2; the seed rounds to 30.
    expect(Math.abs(item('incomingLetters').perInhabitant - 30)).toBeLessThan(1);
  });

  it('totals the items per year and per inhabitant', () => {
    expect(result.annualTotal).toBeCloseTo(1_328_800 + 130_000 + 325_000 + 190_000, 6);
    expect(result.annualPerInhabitant).toBeCloseTo(result.annualTotal / 6500, 6);
    expect(result.items.map((i) => i.item)).toEqual([...BENEFIT_ITEMS]);
  });

  it('notes a source for every default figure', () => {
    const sources: string[] = [];
    const walk = (value: unknown): void => {
      if (value && typeof value === 'object') {
        if ('source' in value && 'value' in value) sources.push(String(value.source));
        else Object.values(value).forEach(walk);
      }
    };
    walk(DEFAULT_BENEFIT_INPUT);
    expect(sources).toHaveLength(20);
    expect(sources.every((s) => s.trim().length > 10)).toBe(true);
  });
});

describe('the year-by-year profile', () => {
  it('covers the strategy period with the benefit building up while costs come first', () => {
    expect(result.years.map((y) => [y.year, y.realised])).toEqual([
      [2025, 25],
      [2026, 50],
      [2027, 75],
      [2028, 100],
    ]);
    const [first, , , last] = result.years;
    expect(first!.effect).toBeCloseTo(result.annualTotal * 0.25, 6);
    expect(first!.net).toBeLessThan(0);
    expect(last!.effect).toBeCloseTo(result.annualTotal, 6);
    expect(last!.cumulativeNet).toBeCloseTo(result.periodTotals.net, 6);
    expect(result.breakEvenIndex).toBe(4);
  });

  it('realises each item by the same ramp-up', () => {
    expect(item('supplierInvoices').byYear).toEqual([32_500, 65_000, 97_500, 130_000]);
  });

  it('keeps the last ramp-up value and costs nothing past the lists in a longer period', () => {
    const long = calculateBenefits(DEFAULT_BENEFIT_INPUT, { startYear: 2025, endYear: 2030 });
    expect(long.years.map((y) => y.realised)).toEqual([25, 50, 75, 100, 100, 100]);
    expect(long.years.map((y) => y.cost).slice(4)).toEqual([0, 0]);
  });

  it('without a period spans the years the ramp-up and costs describe, unlabelled', () => {
    const years = calculateBenefits(withInput((i) => (i.costs.value = [1, 2, 3, 4, 5]))).years;
    expect(years.map((y) => [y.index, y.year])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, null],
      [5, null],
    ]);
  });

  it('has no break-even when the effect never covers the cost', () => {
    const costly = calculateBenefits(withInput((i) => (i.costs.value = [9e6, 9e6, 9e6, 9e6])));
    expect(costly.breakEvenIndex).toBeNull();
  });
});

describe('every figure is an input', () => {
  it('follows a changed cost per channel, share and inhabitant count', () => {
    const changed = calculateBenefits(
      withInput((i) => {
        i.inhabitants.value = 10_000;
        i.inquiries.letter.value = 1_000;
        i.digitalShare.value = 50;
      }),
    );
    const inquiries = changed.items.find((x) => x.item === 'inquiries')!;
    expect(inquiries.annual).toBeCloseTo((11_000 * 77 + 22_000 * 37 + 1_000 * 107) * 0.5, 6);
    expect(inquiries.perInhabitant).toBeCloseTo(inquiries.annual / 10_000, 6);
  });

  it('reports zero per inhabitant rather than dividing by zero inhabitants', () => {
    expect(calculateBenefits(withInput((i) => (i.inhabitants.value = 0))).annualPerInhabitant).toBe(0);
  });

  it('counts no loss for a channel already cheaper than self-service', () => {
    const cheap = calculateBenefits(withInput((i) => (i.costPerInquiry.phone.value = 2)));
    expect(cheap.inquiryChannels.find((c) => c.channel === 'phone')!.annual).toBe(0);
  });
});

describe('benefitInputSchema', () => {
  it('accepts the defaults', () => {
    expect(benefitInputSchema.parse(DEFAULT_BENEFIT_INPUT)).toEqual(DEFAULT_BENEFIT_INPUT);
  });

  it('refuses a share over 100%, a negative count and a figure without its source', () => {
    expect(benefitInputSchema.safeParse(withInput((i) => (i.digitalShare.value = 120))).success).toBe(false);
    expect(benefitInputSchema.safeParse(withInput((i) => (i.inquiries.phone.value = -1))).success).toBe(false);
    const noSource = structuredClone(DEFAULT_BENEFIT_INPUT) as unknown as { inhabitants: { source?: string } };
    delete noSource.inhabitants.source;
    expect(benefitInputSchema.safeParse(noSource).success).toBe(false);
  });
});
