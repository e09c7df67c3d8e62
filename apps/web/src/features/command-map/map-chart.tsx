import { useEffect, useRef } from 'react';
import { MapChart } from 'echarts/charts';
import { GraphicComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { MapSeriesOption } from 'echarts/charts';
import type { GraphicComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import type { BoundaryFeature } from '@fazhi/contracts';

// Only what the command map draws: polygons, their colour scale, tooltips and the tile images.
echarts.use([MapChart, VisualMapComponent, TooltipComponent, GraphicComponent, CanvasRenderer]);

export type MapOption = ComposeOption<MapSeriesOption | VisualMapComponentOption | TooltipComponentOption | GraphicComponentOption>;
export type Tiles = { url: string; attribution: string; maxZoom: number };

/**
 * Web Mercator (EPSG:3857) in degrees, y growing southwards as the screen does: the projection
 * tiles are cut in, so polygons and tiles line up. Without tiles the same projection is used;
 * at a township's size it differs from plain longitude/latitude by a constant stretch only.
 */
const mercY = (lat: number): number => (Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * 180) / Math.PI;
export const projection = {
  project: ([lng, lat]: number[]): number[] => [lng ?? 0, -mercY(lat ?? 0)],
  // The inverse Gudermannian: lat = atan(sinh(ψ)), ψ the Mercator ordinate in radians.
  unproject: ([x, y]: number[]): number[] => [x ?? 0, (Math.atan(Math.sinh((-(y ?? 0) * Math.PI) / 180)) * 180) / Math.PI],
};

/** A graphic image element (ECharts' own element type is not exported). */
type TileImage = { type: 'image'; id: string; silent: boolean; z: number; style: { image: string; x: number; y: number; width: number; height: number } };

const tileX = (lng: number, z: number): number => Math.floor(((lng + 180) / 360) * 2 ** z);
const tileY = (lat: number, z: number): number => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};
const tileLng = (x: number, z: number): number => (x / 2 ** z) * 360 - 180;
const tileLat = (y: number, z: number): number => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;
export const tileUrl = (template: string, z: number, x: number, y: number): string =>
  template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)).replace('{s}', String((x + y) % 8));

/** The tile images covering the chart's view, placed where the map series draws those longitudes and latitudes. */
const tileGraphics = (chart: echarts.ECharts, tiles: Tiles): TileImage[] => {
  const w = chart.getWidth();
  const h = chart.getHeight();
  // The screen is linear in the projection's coordinates: two reference points through
  // convertToPixel give the transform, inverted here for the view's corners (ECharts'
  // convertFromPixel does not undo a custom projection).
  const toPx = (lng: number, lat: number): number[] => chart.convertToPixel({ seriesIndex: 0 }, [lng, lat]);
  const [a, b] = [toPx(100, 30), toPx(120, 40)];
  const [ya, yb] = [projection.project([100, 30])[1] ?? 0, projection.project([120, 40])[1] ?? 0];
  const sx = ((b[0] ?? 0) - (a[0] ?? 0)) / 20;
  const sy = ((b[1] ?? 0) - (a[1] ?? 0)) / (yb - ya);
  if (!Number.isFinite(sx) || !Number.isFinite(sy) || sx === 0 || sy === 0) return [];
  const fromPx = (px: number, py: number): [number, number] =>
    [100 + (px - (a[0] ?? 0)) / sx, projection.unproject([0, ya + (py - (a[1] ?? 0)) / sy])[1] ?? 0];
  const [west, north] = fromPx(0, 0);
  const [east, south] = fromPx(w, h);
  // The zoom whose 256-pixel tiles come closest to the screen's scale.
  const z = Math.max(1, Math.min(tiles.maxZoom, Math.round(Math.log2((360 / Math.max(1e-9, east - west)) * (w / 256)))));
  const [x0, x1, y0, y1] = [tileX(west, z), tileX(east, z), tileY(north, z), tileY(south, z)];
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > 150) return [];
  const out: TileImage[] = [];
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1; y++) {
      const nw = toPx(tileLng(x, z), tileLat(y, z));
      const se = toPx(tileLng(x + 1, z), tileLat(y + 1, z));
      out.push({ type: 'image', id: `tile-${z}-${x}-${y}`, silent: true, z: -10,
        style: { image: tileUrl(tiles.url, z, x, y), x: nw[0] ?? 0, y: nw[1] ?? 0, width: (se[0] ?? 0) - (nw[0] ?? 0), height: (se[1] ?? 0) - (nw[1] ?? 0) } });
    }
  }
  return out;
};

type Props = {
  /** The registered map's name: one per set of features (villages, grids). */
  mapName: string;
  features: readonly BoundaryFeature[];
  option: MapOption;
  tiles: Tiles | null;
  height: number;
  ariaLabel: string;
  onSelect: (orgId: string) => void;
};

/**
 * The command map: the boundaries registered with ECharts at run time (no map files, no
 * internet), features named by org id; the optional tile layer drawn beneath as images.
 */
export const MapChartHost = ({ mapName, features, option, tiles, height, ariaLabel, onSelect }: Props) => {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const tilesRef = useRef(tiles);
  tilesRef.current = tiles;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const drawTiles = (): void => {
      const t = tilesRef.current;
      instance.setOption({ graphic: { elements: t ? tileGraphics(instance, t) : [] } }, { replaceMerge: ['graphic'] });
    };
    instance.on('click', (p) => { if (p.name) selectRef.current(String(p.name)); });
    instance.on('georoam', drawTiles);
    const observer = new ResizeObserver(() => { instance.resize(); drawTiles(); });
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    echarts.registerMap(mapName, { type: 'FeatureCollection', features: features.map((f) => ({ ...f, properties: { ...f.properties, name: f.id } })) } as never);
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    instance.setOption(still ? { ...option, animation: false } : option, { notMerge: true });
    if (tiles) instance.setOption({ graphic: { elements: tileGraphics(instance, tiles) } }, { replaceMerge: ['graphic'] });
  }, [mapName, features, option, tiles]);

  return <div ref={host} role="img" aria-label={ariaLabel} data-testid="command-map-chart" style={{ width: '100%', height }} />;
};
