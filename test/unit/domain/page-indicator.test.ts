import { describe, expect, it } from 'vitest';
import { pageIndicator, type ComponentStatus, type Impact } from '../../../src/domain/index.ts';

const page = (statuses: ComponentStatus[], impacts: Impact[] = []) => {
  const { indicator, description } = pageIndicator(statuses, impacts);
  return `${indicator} ${description}`;
};

describe('page indicator (Statuspage top-level status)', () => {
  it('says all systems operational when every product works and nothing is open', () => {
    expect(page(['operational', 'operational', 'operational'])).toBe('none all_operational');
    expect(page([])).toBe('none all_operational');
  });

  it('says major system outage (critical) only when every product is down', () => {
    expect(page(['major_outage', 'major_outage'])).toBe('critical major_system_outage');
    expect(page(['major_outage'])).toBe('critical major_system_outage');
  });

  it('says partial system outage (major) when some products are down, even for a critical incident', () => {
    expect(page(['major_outage', 'operational', 'operational'], ['critical'])).toBe('major partial_outage');
    expect(page(['major_outage', 'partial_outage'])).toBe('major partial_outage');
  });

  it('says partial system outage (major) when every product is partly down', () => {
    expect(page(['partial_outage', 'partial_outage'])).toBe('major partial_outage');
    expect(page(['partial_outage'])).toBe('major partial_outage');
  });

  it('says minor service outage (minor) when some products are partly down', () => {
    expect(page(['partial_outage', 'operational', 'degraded_performance'])).toBe('minor minor_outage');
  });

  it('says degraded system service when all of several products are slow, partially degraded otherwise', () => {
    expect(page(['degraded_performance', 'degraded_performance'])).toBe('minor degraded_system');
    expect(page(['degraded_performance', 'operational'])).toBe('minor partially_degraded');
    // Statuspage reads a page with one product that is slow as partially degraded.
    expect(page(['degraded_performance'])).toBe('minor partially_degraded');
    expect(page(['degraded_performance', 'under_maintenance'])).toBe('minor partially_degraded');
  });

  it('says minor service outage while an incident is open that changed no product status', () => {
    expect(page(['operational', 'operational'], ['major'])).toBe('minor minor_outage');
    expect(page(['under_maintenance', 'operational'], ['minor'])).toBe('minor minor_outage');
  });

  it('ignores an open incident with impact none', () => {
    expect(page(['operational'], ['none'])).toBe('none all_operational');
  });

  it('says service under maintenance when maintenance is the only thing going on', () => {
    expect(page(['under_maintenance', 'operational'])).toBe('none under_maintenance');
  });
});
