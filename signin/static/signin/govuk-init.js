// Starts GOV.UK Frontend's components (a file, not an inline module, for the CSP).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
