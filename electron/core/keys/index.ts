export { keyFormats, validate, generate, describe, isBuiltinFormat, BUILTIN_FORMAT_NAMES, type KeyFormatRegistry } from './registry.js';
export { BUILTIN_FORMATS, MIN_GENERATED_BITS, type KeyFormat, type FormatCheck } from './formats.js';
export { compilePattern, customFormat } from './custom-format.js';
export { ALPHABETS, randomString, entropyBits, lengthForBits, type AlphabetName, type ByteSource } from './random.js';
