/**
 * `npm run --silent token`: prints the API token the service uses, the same way it chooses it:
 * API_TOKEN from the environment when set, else the one generated in DATA_DIR/secrets.json.
 */
import { readApiToken, SimulatorError } from './simulator';

try {
  process.stdout.write(`${readApiToken(process.env)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof SimulatorError ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
