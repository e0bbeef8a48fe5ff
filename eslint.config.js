import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import lwcConfig from '@salesforce/eslint-config-lwc';

const lwcFiles = ['force-app/**/lwc/**/*.js'];

export default [
    {
        ignores: ['node_modules/**', 'coverage/**', '.sf/**', '.sfdx/**', 'force-app/**/staticresources/**']
    },
    ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['bridge/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'] })),
    {
        files: ['bridge/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
        languageOptions: { globals: { ...globals.node, ...globals.mocha } },
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
            '@typescript-eslint/no-explicit-any': 'error',
            'no-console': 'off'
        }
    },
    {
        files: ['*.js', 'bin/**/*.js', 'scripts/**/*.{js,mjs}'],
        ...js.configs.recommended,
        languageOptions: { globals: globals.node, sourceType: 'module' }
    },
    ...lwcConfig.configs.recommended.map((c) => ({ ...c, files: lwcFiles })),
    {
        files: ['force-app/**/lwc/**/__tests__/**/*.js', 'force-app/**/lwc/**/*.test.js'],
        languageOptions: { globals: { ...globals.node, ...globals.jest } }
    }
];
