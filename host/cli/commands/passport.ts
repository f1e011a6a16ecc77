/**
 * bms-edge passport <recording or record> [-o <file.json>]: the Battery Pass Performance and
 * Durability 1.2.1 passport of a battery, validated against the consortium's JSON Schema.
 */
import { parseCommand } from '../args.ts';
import { PARAMS_HELP, PARAMS_OPTION, paramsOption } from '../params-option.ts';
import { CliError, Exit } from '../exit-codes.ts';
import { readIdentityConfig } from '../../record/identity.ts';
import { loadRecord } from '../../record/load.ts';
import { buildPassport } from '../../record/passport.ts';
import { passportSchemaAvailable, validatePassport, validateCatenaxPerformance, PASSPORT_SCHEMA_PATH, CATENAX_SCHEMA_PATH } from '../../record/passport-validate.ts';
import { buildCatenaxPerformance } from '../../record/catenax.ts';
import { writeAtomic } from '../../record/store.ts';
import { asCliError } from '../../record/cli-errors.ts';
import { EXTENSION } from '../../record/annex-vii.ts';

/** The --help text; the dispatcher prints it (host/cli/main.ts). */
export const HELP = `Usage: bms-edge passport <recording or record> [options]

  <recording or record>     a NASA cell folder or CSV recording (replayed), or a record (.cbor or .json)
  -o, --output <file.json>  write the passport there and print a report (default: passport on stdout)
  --identity <config.json>  serial number and declared values for recordings (record/identity.example.json)
  --catenax                 the same content as the Catena-X BatteryPass 6.1.0 "performance" section
  --json                    with -o: print the report as one JSON document
${PARAMS_HELP}
  -h, --help

The passport is validated against schemas/passport/PerformanceAndDurability-1.2.1.schema.json
(--catenax: #/properties/performance of catenax-BatteryPass-6.1.0.schema.json).
Values neither measured nor declared carry a placeholder and are listed with the reason in
"${EXTENSION}".notAvailable (see host/record/README.md).

Exit codes: 0 ok, 1 the passport does not validate, 2 usage, 3 unreadable input.`;

function parse(args: string[]) {
  return parseCommand(
    args,
    {
      output: { type: 'string', short: 'o' },
      identity: { type: 'string' },
      ...PARAMS_OPTION,
      catenax: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    HELP,
  );
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const cell = paramsOption(values.params);
  if (positionals.length !== 1) throw new CliError(`expected one recording or record, got ${positionals.length}\n${HELP}`, Exit.USAGE);
  let passport: Record<string, unknown>;
  try {
    const config = values.identity ? readIdentityConfig(values.identity) : undefined;
    const exportedAt = new Date().toISOString();
    const record = loadRecord(positionals[0]!, { ...(config ? { config } : {}), exportedAt, ...(cell ? { cell } : {}) });
    passport = values.catenax ? buildCatenaxPerformance(record) : buildPassport(record);
  } catch (err) {
    throw asCliError(err);
  }
  const schemaPath = values.catenax ? CATENAX_SCHEMA_PATH : PASSPORT_SCHEMA_PATH;
  const checked = passportSchemaAvailable(schemaPath);
  const errors = checked ? (values.catenax ? validateCatenaxPerformance(passport) : validatePassport(passport)) : [];
  const text = JSON.stringify(passport, null, 2) + '\n';
  if (errors.length) {
    console.error(`passport does not validate against ${schemaPath}:\n  ${errors.join('\n  ')}`);
    return Exit.CHECK_FAILED;
  }
  if (!checked) console.error(`note: ${schemaPath} not found; the passport was not validated`);
  if (!values.output) {
    process.stdout.write(text);
    return Exit.OK;
  }
  try {
    writeAtomic(values.output, new TextEncoder().encode(text));
  } catch (err) {
    throw asCliError(err);
  }
  const ext = passport[EXTENSION] as { notAvailable: { attribute: string }[]; battery: { serialNumber: string } };
  const report = { output: values.output, serial_number: ext.battery.serialNumber, schema_valid: checked ? true : null, not_available: ext.notAvailable.map((n) => n.attribute) };
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else console.log(`${values.output}: passport of ${report.serial_number}, ${checked ? `valid against the ${values.catenax ? 'Catena-X 6.1.0 performance' : 'Battery Pass 1.2.1'} schema` : 'not validated (schema not found)'}; ${report.not_available.length} attributes not available (listed with reasons in ${EXTENSION}.notAvailable)`);
  return Exit.OK;
}
