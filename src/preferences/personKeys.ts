import fs from 'node:fs';
import path from 'node:path';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Everything the bot stores about a person (preferences, the conversation reference, the
 * requester index of cases) is filed under a person key: HMAC-SHA256 of their Entra object id
 * under a secret that is not in storage. Someone who can read the tables and holds a list of
 * object ids still cannot tell whose rows they are; a plain hash could be reversed by hashing
 * that list.
 */
export class PersonKeys {
  private readonly adviserKeying: Buffer;

  constructor(private readonly secret: Buffer) {
    if (secret.length < MIN_SECRET_BYTES) throw new Error('The person-key secret is too short');
    this.adviserKeying = this.derivedKey('adviser-keys');
  }

  keyFor(userId: string): string {
    return createHmac('sha256', this.secret).update(`person:${userId}`).digest('hex').slice(0, KEY_HEX_CHARS);
  }

  /**
   * What the bot files about someone as an adviser (the cards posted to them, their audit rows,
   * the language and time zone their cards are drawn in) is under this key, never their person
   * key: an adviser may ask another pool for help anonymously, and their anonymous case holds
   * their person key. Drawn from the person key under a key of its own, so a reader of the tables
   * cannot tie the two, and an administrator with the secret who holds either finds both.
   */
  adviserKeyFor(userId: string): string {
    return this.adviserKeyOf(this.keyFor(userId));
  }

  adviserKeyOf(personKey: string): string {
    return createHmac('sha256', this.adviserKeying).update(`adviser:${personKey}`).digest('hex').slice(0, KEY_HEX_CHARS);
  }

  /**
   * A case code as the audit trail files it: once the case is purged, a table reader cannot tie
   * its audit rows to the code the requester was given; with the secret, an administrator who is
   * told the code still finds them.
   */
  caseKeyFor(caseCode: string): string {
    return createHmac('sha256', this.secret).update(`case:${caseCode.toUpperCase()}`).digest('hex').slice(0, KEY_HEX_CHARS);
  }

  /**
   * A 32-byte key for one other use of the secret (HKDF-SHA256, the purpose as info), so that use
   * needs no secret of its own and falls with it: a reader of storage has neither.
   */
  derivedKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.secret, Buffer.alloc(0), `bystander-support:${purpose}`, 32));
  }
}

/** 160 bits: collisions are out of reach for any number of people, and table keys stay short. */
const KEY_HEX_CHARS = 40;
const MIN_SECRET_BYTES = 32;
const GENERATED_SECRET_BYTES = 32;

export interface PersonKeySecretSource {
  /** From PERSON_KEY_SECRET (in Azure a Key Vault reference). */
  readonly secret?: string;
  /** The embedded default: generated once beside the SQLite file, readable by this user only. */
  readonly secretFile: string;
}

/** The configured secret, or the one in the data directory, generated on first start. */
export function loadPersonKeys(source: PersonKeySecretSource): PersonKeys {
  if (source.secret) return new PersonKeys(Buffer.from(source.secret, 'utf8'));
  return new PersonKeys(Buffer.from(readOrCreateSecretFile(source.secretFile), 'utf8'));
}

function readOrCreateSecretFile(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    // Written whole to a temporary file, then linked into place: exactly one process creates it,
    // also when two instances start on one data directory, and no one ever reads half a secret.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(draft, `${randomBytes(GENERATED_SECRET_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  // A copied or restored file may have lost its mode; nobody else on the machine may read it.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_BYTES) {
    throw new Error(`The person-key secret file ${path.basename(file)} is shorter than ${MIN_SECRET_BYTES} characters`);
  }
  return secret;
}
