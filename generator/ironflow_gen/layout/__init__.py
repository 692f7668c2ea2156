"""Layout of generated code as a language's usual formatter prints it (TypeScript:
prettier), without running that formatter."""
