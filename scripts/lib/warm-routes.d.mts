export declare const WARM_UP_ID: string;
export declare const MAIN_ROUTES: string[];
export declare function warmRoutes(opts: {
  baseUrl: string;
  routes?: string[];
  log?: (line: string) => void;
}): Promise<{ warmed: number; ms: number }>;
