/**
 * How monitor events look. `--json`: one JSON object per line (`{"type":"sample",...}`,
 * `{"type":"status",...}`, a final `{"type":"summary",...}`). Otherwise a live status line that
 * rewrites itself on a TTY (status events print on their own line above it), or one line per
 * sample when stdout is a pipe or file.
 */
import type { MonitorEvent, MonitorSummary } from './events.ts';

const pct = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '  --  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

export function formatSampleLine(e: Extract<MonitorEvent, { type: 'sample' }>): string {
  const s = e.sample;
  const parts = [
    `#${s.address}`,
    `SOC ${pct(e.core?.soc ?? s.bmsSoc)}${e.core ? '' : ' (BMS)'}`,
    `SOH ${pct(e.core?.soh ?? s.bmsSoh)}`,
    `${s.voltage_V.toFixed(2)} V`,
    `${s.current_A >= 0 ? ' ' : ''}${s.current_A.toFixed(2)} A`,
    `${s.temp_degC.toFixed(1)} degC${s.tempAssumed ? '?' : ''}`,
  ];
  if (s.cellMin_V !== undefined && s.cellMax_V !== undefined) {
    parts.push(`cells ${s.cellMin_V.toFixed(3)}..${s.cellMax_V.toFixed(3)} V d ${((s.cellDelta_V ?? 0) * 1000).toFixed(0)} mV`);
  }
  if (e.core) parts.push(`events ${e.core.events_total}${e.core.flagNames.length > 1 ? ` [${e.core.flagNames.filter((f) => f !== 'ACCEPTED').join(',')}]` : ''}`);
  return parts.join(' | ');
}

export function formatStatusLine(e: Extract<MonitorEvent, { type: 'status' }>): string {
  const when = new Date(e.time_ms).toISOString().slice(11, 23);
  const unit = e.address === undefined ? '' : ` #${e.address}`;
  const outage = e.outage_ms === undefined ? '' : ` (back after ${(e.outage_ms / 1000).toFixed(2)} s)`;
  return `[${when}] ${e.status}${unit}: ${e.detail}${outage}`;
}

export function formatSummary(s: MonitorSummary): string {
  return [
    `monitor ended (${s.endedBy}): ${s.samples} samples from ${s.frames} frames, ${s.rxBytes} bytes`,
    `  checksum failures ${s.checksumErrors}, skipped bytes ${s.skippedBytes}, misrouted ${s.misrouted}, unknown ids ${s.unknownIds}, undecodable ${s.undecodable}, timeouts ${s.timeouts}, echoes suppressed ${s.echoesSuppressed}`,
    `  disconnects ${s.disconnects}, reconnects ${s.reconnects}, longest outage ${(s.maxOutage_ms / 1000).toFixed(2)} s`,
  ].join('\n');
}

export interface Printer {
  event(e: MonitorEvent): void;
  summary(s: MonitorSummary): void;
}

export function makePrinter(out: { write(s: string): unknown; isTTY?: boolean }, json: boolean): Printer {
  if (json) {
    return {
      event: (e) => out.write(JSON.stringify(e) + '\n'),
      summary: (s) => out.write(JSON.stringify({ type: 'summary', ...s }) + '\n'),
    };
  }
  let live = false;
  return {
    event(e) {
      if (e.type === 'sample' && out.isTTY) {
        out.write(`\r\x1b[2K${formatSampleLine(e)}`);
        live = true;
        return;
      }
      const line = e.type === 'sample' ? formatSampleLine(e) : formatStatusLine(e);
      out.write(`${live ? '\r\x1b[2K' : ''}${line}\n`);
      live = false;
    },
    summary(s) {
      out.write(`${live ? '\n' : ''}${formatSummary(s)}\n`);
    },
  };
}
