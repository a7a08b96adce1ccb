import type { Unit } from 'mathjs';
import { restrictedMath } from './restricted-math';

/**
 * Names people and models write that mathjs spells differently. Bare "C" and "F" are left
 * alone on purpose: in mathjs they are coulomb and farad, and guessing would hide mistakes.
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['°c', 'degC'],
  ['℃', 'degC'],
  ['celsius', 'degC'],
  ['°f', 'degF'],
  ['℉', 'degF'],
  ['fahrenheit', 'degF'],
  ['kelvin', 'K'],
  ['mph', 'mi/h'],
  ['kph', 'km/h'],
  ['kmh', 'km/h'],
  ['km/hr', 'km/h'],
  ['mi/hr', 'mi/h'],
  ['miles', 'mi'],
  ['mile', 'mi'],
  ['metres', 'm'],
  ['meters', 'm'],
  ['litres', 'l'],
  ['liters', 'l'],
  ['pounds', 'lb'],
  ['ounces', 'oz'],
  ['feet', 'ft'],
  ['foot', 'ft'],
  ['inches', 'inch'],
  ['in', 'inch'],
]);

function normaliseUnit(unit: string): string {
  const trimmed = unit.trim();
  return ALIASES.get(trimmed.toLowerCase()) ?? trimmed;
}

/** The kind of quantity a unit measures, for error messages ("length", "mass"). */
function kindOf(unit: Unit): string {
  const parts = unit.units.map((part) => part.unit.base.key.toLowerCase().replace(/_/g, ' '));
  return parts.length === 1 ? (parts[0] ?? 'unknown') : parts.join(' per ');
}

/** What the tool answers. */
export interface Conversion {
  value: number;
  from: string;
  to: string;
  result: number;
  /** Readable form, e.g. "26.2187575 mi". */
  text: string;
}

/** Converts `value` from one unit to another with mathjs units (no expression evaluation). */
export function convert(value: number, from: string, to: string): Conversion {
  const { math } = restrictedMath();
  const fromUnit = normaliseUnit(from);
  const toUnit = normaliseUnit(to);
  let source: Unit;
  try {
    source = math.unit(value, fromUnit);
    math.unit(toUnit);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot convert ${from} to ${to}: ${reason}`);
  }
  let converted: Unit;
  try {
    converted = source.to(toUnit);
  } catch {
    throw new Error(
      `Cannot convert ${from} to ${to}: they measure different things (${kindOf(source)} vs ${kindOf(math.unit(toUnit))}).`,
    );
  }
  const number = converted.toNumber(toUnit);
  const result = Number.isFinite(number) ? Number(number.toPrecision(12)) : number;
  return { value, from, to, result, text: `${result} ${toUnit}` };
}
