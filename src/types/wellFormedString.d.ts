/** ES2024, in Node since 20; the compiler's lib is ES2022. */
interface String {
  isWellFormed(): boolean;
  toWellFormed(): string;
}
