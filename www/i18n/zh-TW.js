// Placeholder until translated.
export default {};
